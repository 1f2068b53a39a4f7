package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 5246 §7.4 HandshakeType: an open value type (a peer may send any uint8). */
public record HandshakeType(int code) {
    public static final HandshakeType HELLO_REQUEST = new HandshakeType(0);
    public static final HandshakeType CLIENT_HELLO = new HandshakeType(1);
    public static final HandshakeType SERVER_HELLO = new HandshakeType(2);
    public static final HandshakeType HELLO_VERIFY_REQUEST = new HandshakeType(3);
    public static final HandshakeType NEW_SESSION_TICKET = new HandshakeType(4);
    public static final HandshakeType END_OF_EARLY_DATA = new HandshakeType(5);
    public static final HandshakeType ENCRYPTED_EXTENSIONS = new HandshakeType(8);
    public static final HandshakeType CERTIFICATE = new HandshakeType(11);
    public static final HandshakeType SERVER_KEY_EXCHANGE = new HandshakeType(12);
    public static final HandshakeType CERTIFICATE_REQUEST = new HandshakeType(13);
    public static final HandshakeType SERVER_HELLO_DONE = new HandshakeType(14);
    public static final HandshakeType CERTIFICATE_VERIFY = new HandshakeType(15);
    public static final HandshakeType CLIENT_KEY_EXCHANGE = new HandshakeType(16);
    public static final HandshakeType FINISHED = new HandshakeType(20);
    public static final HandshakeType CERTIFICATE_URL = new HandshakeType(21);
    public static final HandshakeType CERTIFICATE_STATUS = new HandshakeType(22);
    public static final HandshakeType SUPPLEMENTAL_DATA = new HandshakeType(23);
    public static final HandshakeType KEY_UPDATE = new HandshakeType(24);
    public static final HandshakeType COMPRESSED_CERTIFICATE = new HandshakeType(25);
    public static final HandshakeType NEXT_PROTOCOL = new HandshakeType(67);
    public static final HandshakeType MESSAGE_HASH = new HandshakeType(254);

    public HandshakeType {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("HandshakeType out of range: " + code);
        }
    }

    public static HandshakeType of(int code) {
        return new HandshakeType(code);
    }

    public static HandshakeType decode(TlsReader r) {
        return new HandshakeType(r.uint8("msg_type"));
    }

    public void encode(TlsWriter w) {
        w.uint8(code);
    }

    /** The IANA name, or null if unassigned here. */
    public String name() {
        switch (code) {
            case 0: return "hello_request";
            case 1: return "client_hello";
            case 2: return "server_hello";
            case 3: return "hello_verify_request";
            case 4: return "new_session_ticket";
            case 5: return "end_of_early_data";
            case 8: return "encrypted_extensions";
            case 11: return "certificate";
            case 12: return "server_key_exchange";
            case 13: return "certificate_request";
            case 14: return "server_hello_done";
            case 15: return "certificate_verify";
            case 16: return "client_key_exchange";
            case 20: return "finished";
            case 21: return "certificate_url";
            case 22: return "certificate_status";
            case 23: return "supplemental_data";
            case 24: return "key_update";
            case 25: return "compressed_certificate";
            case 67: return "next_protocol";
            case 254: return "message_hash";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : String.format("handshake_type(%d)", code);
    }
}
