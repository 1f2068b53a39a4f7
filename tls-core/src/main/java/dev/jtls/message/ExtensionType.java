package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 5246 §7.4.1.4 ExtensionType: an open value type (IANA "TLS ExtensionType Values"). */
public record ExtensionType(int code) {
    public static final ExtensionType SERVER_NAME = new ExtensionType(0);
    public static final ExtensionType MAX_FRAGMENT_LENGTH = new ExtensionType(1);
    public static final ExtensionType STATUS_REQUEST = new ExtensionType(5);
    public static final ExtensionType SUPPORTED_GROUPS = new ExtensionType(10);
    public static final ExtensionType EC_POINT_FORMATS = new ExtensionType(11);
    public static final ExtensionType SIGNATURE_ALGORITHMS = new ExtensionType(13);
    public static final ExtensionType USE_SRTP = new ExtensionType(14);
    public static final ExtensionType HEARTBEAT = new ExtensionType(15);
    public static final ExtensionType APPLICATION_LAYER_PROTOCOL_NEGOTIATION = new ExtensionType(16);
    public static final ExtensionType STATUS_REQUEST_V2 = new ExtensionType(17);
    public static final ExtensionType SIGNED_CERTIFICATE_TIMESTAMP = new ExtensionType(18);
    public static final ExtensionType CLIENT_CERTIFICATE_TYPE = new ExtensionType(19);
    public static final ExtensionType SERVER_CERTIFICATE_TYPE = new ExtensionType(20);
    public static final ExtensionType PADDING = new ExtensionType(21);
    public static final ExtensionType ENCRYPT_THEN_MAC = new ExtensionType(22);
    public static final ExtensionType EXTENDED_MASTER_SECRET = new ExtensionType(23);
    public static final ExtensionType COMPRESS_CERTIFICATE = new ExtensionType(27);
    public static final ExtensionType RECORD_SIZE_LIMIT = new ExtensionType(28);
    public static final ExtensionType DELEGATED_CREDENTIAL = new ExtensionType(34);
    public static final ExtensionType SESSION_TICKET = new ExtensionType(35);
    public static final ExtensionType PRE_SHARED_KEY = new ExtensionType(41);
    public static final ExtensionType EARLY_DATA = new ExtensionType(42);
    public static final ExtensionType SUPPORTED_VERSIONS = new ExtensionType(43);
    public static final ExtensionType COOKIE = new ExtensionType(44);
    public static final ExtensionType PSK_KEY_EXCHANGE_MODES = new ExtensionType(45);
    public static final ExtensionType CERTIFICATE_AUTHORITIES = new ExtensionType(47);
    public static final ExtensionType POST_HANDSHAKE_AUTH = new ExtensionType(49);
    public static final ExtensionType SIGNATURE_ALGORITHMS_CERT = new ExtensionType(50);
    public static final ExtensionType KEY_SHARE = new ExtensionType(51);
    public static final ExtensionType NEXT_PROTOCOL_NEGOTIATION = new ExtensionType(13172);
    public static final ExtensionType APPLICATION_SETTINGS = new ExtensionType(17513);
    public static final ExtensionType ENCRYPTED_CLIENT_HELLO = new ExtensionType(0xfe0d);
    public static final ExtensionType RENEGOTIATION_INFO = new ExtensionType(0xff01);

    public ExtensionType {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("ExtensionType out of range: " + code);
        }
    }

    public static ExtensionType of(int code) {
        return new ExtensionType(code);
    }

    public static ExtensionType decode(TlsReader r) {
        return new ExtensionType(r.uint16("extension_type"));
    }

    public void encode(TlsWriter w) {
        w.uint16(code);
    }

    /** The IANA name, or null if not known here. */
    public String name() {
        switch (code) {
            case 0: return "server_name";
            case 1: return "max_fragment_length";
            case 5: return "status_request";
            case 10: return "supported_groups";
            case 11: return "ec_point_formats";
            case 13: return "signature_algorithms";
            case 14: return "use_srtp";
            case 15: return "heartbeat";
            case 16: return "application_layer_protocol_negotiation";
            case 17: return "status_request_v2";
            case 18: return "signed_certificate_timestamp";
            case 19: return "client_certificate_type";
            case 20: return "server_certificate_type";
            case 21: return "padding";
            case 22: return "encrypt_then_mac";
            case 23: return "extended_master_secret";
            case 27: return "compress_certificate";
            case 28: return "record_size_limit";
            case 34: return "delegated_credential";
            case 35: return "session_ticket";
            case 41: return "pre_shared_key";
            case 42: return "early_data";
            case 43: return "supported_versions";
            case 44: return "cookie";
            case 45: return "psk_key_exchange_modes";
            case 47: return "certificate_authorities";
            case 49: return "post_handshake_auth";
            case 50: return "signature_algorithms_cert";
            case 51: return "key_share";
            case 13172: return "next_protocol_negotiation";
            case 17513: return "application_settings";
            case 0xfe0d: return "encrypted_client_hello";
            case 0xff01: return "renegotiation_info";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : String.format("extension(0x%04x)", code);
    }
}
