package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ExtensionType;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.testing.SeededRandom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The default configuration's orders against a frozen snapshot (src/test/resources/policies/
 * tls-config-defaults.txt): what a default jtls client offers in its ClientHello, read back from
 * the bytes it sends (suites, supported_groups, signature_algorithms, ec_point_formats, and the
 * extensions in order), and what a default jtls server prefers (RFC 5246 §7.4.1.3: the server's
 * order of suites decides; then its order of groups, and per key type its order of signature
 * schemes for ServerKeyExchange). An accidental change to any of them fails here; a deliberate one
 * is an edit of the snapshot (or a run with -Djtls.transcripts.update=true, as for the transcripts).
 */
class DefaultOrderTest {
    private static final String GOLDEN = "policies/tls-config-defaults.txt";

    @Test
    void theDefaultOrdersMatchTheirSnapshot() throws IOException {
        List<String> actual = snapshot();
        if (WireTranscriptTest.updating()) {
            Path p = Path.of(System.getProperty("basedir", "."), "src/test/resources", GOLDEN);
            List<String> file = new ArrayList<>(List.of(
                    "# The default TlsConfig (TlsConfig.builder().build()): what a jtls client offers, what a jtls server prefers.",
                    "# Changing a line here changes what jtls sends or picks: say why in the commit."));
            file.addAll(actual);
            Files.writeString(p, String.join("\n", file) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(golden());
    }

    static List<String> snapshot() {
        TlsConfig defaults = TlsConfig.builder().crypto(CryptoProviders.defaults(SeededRandom.of("defaults"))).build();
        TlsConnection client = TlsConnection.client(defaults, "localhost", 443);
        ByteBuffer out = ByteBuffer.allocate(1 << 14);
        client.takeOutgoing(out);
        out.flip();
        List<String> lines = new ArrayList<>();
        readClientHello(out, lines);
        lines.add("server cipher suites, preferred first:");
        for (CipherSuite s : defaults.cipherSuites()) {
            lines.add("  " + s + String.format(" (0x%04x)", s.code()));
        }
        lines.add("server groups, preferred first:");
        for (NamedGroup g : defaults.groups()) {
            lines.add("  " + NamedGroupId.of(g));
        }
        for (CertifiedKey.KeyType type : CertifiedKey.KeyType.values()) {
            lines.add("server ServerKeyExchange signature schemes for a " + type + " key, preferred first:");
            for (SignatureScheme s : type.signatureSchemes()) {
                if (defaults.signatureSchemes().contains(s)) {
                    lines.add("  " + SignatureSchemeId.of(s));
                }
            }
        }
        return lines;
    }

    /** RFC 5246 §6.2.1, §7.4 and §7.4.1.2: record header, handshake header, then the ClientHello's fields. */
    private static void readClientHello(ByteBuffer b, List<String> lines) {
        b.position(5 + 4 + 2 + 32);
        b.position(b.position() + 1 + (b.get(b.position()) & 0xff));
        list(lines, "client cipher_suites, in order:", slice(b, 2), 2, c -> CipherSuiteId.of(c) + String.format(" (0x%04x)", c));
        b.position(b.position() + 1 + (b.get(b.position()) & 0xff));
        ByteBuffer extensions = slice(b, 2);
        List<String> types = new ArrayList<>();
        while (extensions.hasRemaining()) {
            int type = extensions.getShort() & 0xffff;
            ByteBuffer body = slice(extensions, 2);
            types.add("  " + ExtensionType.of(type));
            if (type == ExtensionType.SUPPORTED_GROUPS.code()) {
                list(lines, "client supported_groups, in order:", slice(body, 2), 2, c -> NamedGroupId.of(c).toString());
            } else if (type == ExtensionType.SIGNATURE_ALGORITHMS.code()) {
                list(lines, "client signature_algorithms, in order:", slice(body, 2), 2,
                        c -> SignatureSchemeId.of(c).toString());
            } else if (type == ExtensionType.EC_POINT_FORMATS.code()) {
                list(lines, "client ec_point_formats, in order:", slice(body, 1), 1, c -> "format " + c);
            }
        }
        lines.add("client extensions, in order (to localhost, no session to resume):");
        lines.addAll(types);
    }

    private static ByteBuffer slice(ByteBuffer b, int lengthBytes) {
        int length = lengthBytes == 1 ? b.get() & 0xff : b.getShort() & 0xffff;
        ByteBuffer s = b.slice(b.position(), length);
        b.position(b.position() + length);
        return s;
    }

    private static void list(List<String> lines, String title, ByteBuffer items, int width, IntFunction<String> name) {
        lines.add(title);
        while (items.hasRemaining()) {
            lines.add("  " + name.apply(width == 1 ? items.get() & 0xff : items.getShort() & 0xffff));
        }
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = DefaultOrderTest.class.getResourceAsStream("/" + GOLDEN)) {
            assertThat(in).as(GOLDEN + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }
}
