package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7301 §3.1 application_layer_protocol_negotiation:
 * {@code ProtocolName protocol_name_list<2..2^16-1>}, {@code ProtocolName opaque<1..2^8-1>}.
 * Empty names, an empty list and an empty extension are decode_error (tlsfuzzer
 * test-alpn-negotiation.py "empty element", "empty list", "empty extension"). In a ServerHello the
 * list holds exactly one name (checked by {@link ServerHelloExtensions}).
 */
public record Alpn(List<Bytes> protocols) {
    public static final ExtensionType TYPE = ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION;

    public Alpn {
        protocols = List.copyOf(protocols);
        Wire.require(!protocols.isEmpty(), "protocol_name_list must not be empty");
        int total = 0;
        for (Bytes p : protocols) {
            Wire.require(p.length() >= 1 && p.length() <= 0xff, "ProtocolName length");
            total += 1 + p.length();
        }
        Wire.require(total <= 0xffff, "protocol_name_list too long");
    }

    /** Protocol names given as strings (UTF-8, as RFC 7301 §6 registers them, e.g. "h2", "http/1.1"). */
    public static Alpn of(String... names) {
        List<Bytes> list = new ArrayList<>();
        for (String n : names) {
            list.add(Bytes.of(n.getBytes(StandardCharsets.UTF_8)));
        }
        return new Alpn(list);
    }

    /** The names decoded as UTF-8 (for display and configuration matching). */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Bytes p : protocols) {
            out.add(new String(p.toByteArray(), StandardCharsets.UTF_8));
        }
        return out;
    }

    public static Alpn decode(TlsReader r) {
        TlsReader list = r.vector16("protocol_name_list", 2, 0xffff);
        r.expectEnd("application_layer_protocol_negotiation");
        return new Alpn(Wire.items(list, x -> Wire.opaque8(x, "ProtocolName", 1, 0xff)));
    }

    public void encode(TlsWriter w) {
        w.lengthPrefixed16(x -> {
            for (Bytes p : protocols) {
                Wire.opaque8(x, p);
            }
        });
    }
}
