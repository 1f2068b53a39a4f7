package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 6066 §3 server_name as a client sends it: {@code ServerName server_name_list<1..2^16-1>},
 * each {@code NameType name_type; select (name_type) { case host_name: HostName; }} with
 * {@code HostName opaque<1..2^16-1>}. Names of unknown types are kept (as opaque16, the only
 * encoding an extensible select can have) and ignored: tlsfuzzer
 * test-invalid-server-name-extension.py "multiple types in SNI" expects the handshake to proceed.
 * (In a ServerHello the extension is empty: see {@link ServerHelloExtensions#serverName()}.)
 */
public record ServerNameList(List<ServerName> names) {
    public static final ExtensionType TYPE = ExtensionType.SERVER_NAME;
    public static final int HOST_NAME = 0;

    /** One entry; {@code name} is the raw HostName bytes for type host_name(0). */
    public record ServerName(int nameType, Bytes name) {
        public ServerName {
            Wire.require(nameType >= 0 && nameType <= 0xff, "name_type out of range");
            Wire.require(name.length() >= 1 && name.length() <= 0xffff, "server name length");
        }
    }

    public ServerNameList {
        names = List.copyOf(names);
        Wire.require(!names.isEmpty(), "server_name_list must not be empty");
        Wire.require(names.stream().filter(n -> n.nameType() == HOST_NAME).count() <= 1,
                "at most one host_name");
    }

    /** A list holding one host_name. */
    public static ServerNameList ofHostName(String hostName) {
        return new ServerNameList(List.of(new ServerName(HOST_NAME,
                Bytes.of(hostName.getBytes(StandardCharsets.US_ASCII)))));
    }

    /** The host_name (ASCII, as sent), or null if the list has none. */
    public String hostName() {
        for (ServerName n : names) {
            if (n.nameType() == HOST_NAME) {
                return new String(n.name().toByteArray(), StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    public static ServerNameList decode(TlsReader r) {
        // RFC 6066 §3: server_name_list<1..2^16-1>; tlsfuzzer expects decode_error for an empty
        // extension, an empty list and an empty host name.
        TlsReader list = r.vector16("server_name_list", 1, 0xffff);
        r.expectEnd("server_name");
        List<ServerName> names = Wire.items(list, x -> {
            int type = x.uint8("name_type");
            Bytes name = Wire.opaque16(x, type == HOST_NAME ? "host_name" : "server_name", 1, 0xffff);
            return new ServerName(type, name);
        });
        int hostNames = 0;
        for (ServerName n : names) {
            if (n.nameType() == HOST_NAME) {
                // RFC 6066 §3: "The ServerNameList MUST NOT contain more than one name of the
                // same name_type"; tlsfuzzer test-invalid-server-name-extension.py expects
                // illegal_parameter for two host_names.
                if (++hostNames > 1) {
                    throw new TlsAlertException(PeerMisbehaved.DUPLICATE_SERVER_NAME, "server_name: more than one host_name");
                }
                checkHostName(n.name());
            }
        }
        return new ServerNameList(names);
    }

    /**
     * RFC 6066 §3: "HostName contains the fully qualified DNS hostname of the server ... ASCII
     * encoding"; tlsfuzzer expects illegal_parameter for NUL, BEL, UTF-8 and escape sequences.
     * Letters, digits, '-', '.' and '_' (seen in the wild) are accepted.
     */
    private static void checkHostName(Bytes name) {
        for (int i = 0; i < name.length(); i++) {
            int c = name.get(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                throw new TlsAlertException(PeerMisbehaved.ILLEGAL_SERVER_NAME, "server_name: host_name has a character not allowed in a DNS name");
            }
        }
    }

    public void encode(TlsWriter w) {
        w.lengthPrefixed16(x -> {
            for (ServerName n : names) {
                x.uint8(n.nameType());
                Wire.opaque16(x, n.name());
            }
        });
    }
}
