package dev.jtls.proxy.l4;

import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.ExtensionType;
import dev.jtls.message.ServerNameList;
import dev.jtls.message.UnknownExtension;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** ClientHellos built with jtls's own message classes, framed into handshake records. */
final class Hellos {
    private Hellos() {
    }

    /** A ClientHello handshake message (header included), with {@code sni} (null: none) and {@code padding} extra bytes. */
    static byte[] clientHello(String sni, int padding) {
        ClientHelloExtensions.Builder x = ClientHelloExtensions.builder();
        if (sni != null) {
            x.serverName(ServerNameList.ofHostName(sni));
        }
        if (padding > 0) {
            // RFC 7685 padding extension (21), which jtls keeps as unknown.
            x.unknown(new UnknownExtension(new ExtensionType(21), Bytes.of(new byte[padding])));
        }
        ClientHello hello = new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(new byte[32]), Bytes.EMPTY,
                List.of(CipherSuiteId.of(0xc02f)), List.of(CompressionMethod.NULL), x.build());
        TlsWriter w = new TlsWriter();
        w.uint8(1);
        w.lengthPrefixed24(hello::encode);
        return w.toByteArray();
    }

    /** {@code message} cut into handshake records of at most {@code fragment} bytes (record version {3,1}). */
    static byte[] records(byte[] message, int fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < message.length; at += fragment) {
            int n = Math.min(fragment, message.length - at);
            out.write(22);
            out.write(3);
            out.write(1);
            out.write(n >> 8);
            out.write(n & 0xff);
            out.write(message, at, n);
        }
        return out.toByteArray();
    }
}
