package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.ECDHE_RSA;
import static dev.jtls.handshake.server.ServerConformanceTest.ecdheExtensions;
import static dev.jtls.handshake.server.ServerConformanceTest.hello;
import static dev.jtls.handshake.server.ServerConformanceTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.connection.TlsConnection;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.MaxFragmentLength;
import dev.jtls.message.RecordSizeLimit;
import dev.jtls.message.ServerHello;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's side of max_fragment_length (RFC 6066 §4) and record_size_limit (RFC 8449), with hand-made ClientHellos. */
class RecordLimitsTest {

    /** The server's answer to this hello, as record bodies (type byte, then body). */
    private static List<byte[]> answer(ClientHelloExtensions ext) {
        TlsConnection server = ServerConformanceTest.server();
        byte[] rec = record(22, 0x0301, hello(ECDHE_RSA, ext).encodeWithHeader());
        server.receive(ByteBuffer.wrap(rec));
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        server.takeOutgoing(out);
        out.flip();
        List<byte[]> records = new ArrayList<>();
        while (out.remaining() >= 5) {
            int type = out.get() & 0xff;
            out.getShort();
            byte[] body = new byte[out.getShort() & 0xffff];
            out.get(body);
            byte[] r = new byte[body.length + 1];
            r[0] = (byte) type;
            System.arraycopy(body, 0, r, 1, body.length);
            records.add(r);
        }
        assertThat(out.hasRemaining()).isFalse();
        return records;
    }

    private static ServerHello serverHello(List<byte[]> records) {
        // The ServerHello is the first message; with a small limit it may span records.
        java.io.ByteArrayOutputStream hs = new java.io.ByteArrayOutputStream();
        for (byte[] r : records) {
            if (r[0] == 22) {
                hs.write(r, 1, r.length - 1);
            }
        }
        byte[] all = hs.toByteArray();
        int len = ((all[1] & 0xff) << 16) | ((all[2] & 0xff) << 8) | (all[3] & 0xff);
        return TlsReader.readAll(java.util.Arrays.copyOfRange(all, 4, 4 + len), "ServerHello", ServerHello::decode);
    }

    private static int largest(List<byte[]> records) {
        return records.stream().mapToInt(r -> r.length - 1).max().orElseThrow();
    }

    @Test
    void maxFragmentLengthIsEchoedAndEveryRecordFitsIt() {
        for (int code = 1; code <= 4; code++) {
            List<byte[]> records = answer(ecdheExtensions().maxFragmentLength(new MaxFragmentLength(code)).build());
            ServerHello sh = serverHello(records);
            // RFC 6066 §4: the same value back; every fragment, handshake messages included, within it.
            assertThat(sh.extensionsOrEmpty().maxFragmentLength()).isEqualTo(new MaxFragmentLength(code));
            assertThat(largest(records)).as("code " + code).isLessThanOrEqualTo(1 << (8 + code));
            assertThat(sh.extensionsOrEmpty().recordSizeLimit()).isNull();
        }
        // Without the extension the certificate flight goes in records larger than 512 bytes.
        assertThat(largest(answer(ecdheExtensions().build()))).isGreaterThan(512);
    }

    @Test
    void recordSizeLimitIsAnsweredWithOursAndCapsOurRecords() {
        List<byte[]> records = answer(ecdheExtensions().recordSizeLimit(new RecordSizeLimit(100)).build());
        ServerHello sh = serverHello(records);
        // RFC 8449 §4: our own limit, TLS 1.2's maximum plaintext; the client's binds what we send.
        assertThat(sh.extensionsOrEmpty().recordSizeLimit()).isEqualTo(new RecordSizeLimit(1 << 14));
        assertThat(largest(records)).isLessThanOrEqualTo(100);
    }

    @Test
    void withBothTheServerIgnoresMaxFragmentLength() {
        // RFC 8449 §5: "MUST ignore a max_fragment_length ... if both extensions appear".
        List<byte[]> records = answer(ecdheExtensions().maxFragmentLength(new MaxFragmentLength(1))
                .recordSizeLimit(new RecordSizeLimit(1000)).build());
        ServerHello sh = serverHello(records);
        assertThat(sh.extensionsOrEmpty().maxFragmentLength()).isNull();
        assertThat(sh.extensionsOrEmpty().recordSizeLimit()).isEqualTo(new RecordSizeLimit(1 << 14));
        assertThat(largest(records)).isLessThanOrEqualTo(1000).isGreaterThan(512);
    }

    @Test
    void invalidValuesAreIllegalParameter() {
        byte[] h = hello(ECDHE_RSA, ecdheExtensions().maxFragmentLength(new MaxFragmentLength(1)).build()).encodeWithHeader();
        // The extension is type 1, length 1, value 1: find it and set the value to 5 (RFC 6066 §4).
        for (int i = 0; i + 4 < h.length; i++) {
            if (h[i] == 0 && h[i + 1] == 1 && h[i + 2] == 0 && h[i + 3] == 1 && h[i + 4] == 1) {
                h[i + 4] = 5;
                break;
            }
        }
        TlsConnection server = ServerConformanceTest.server();
        byte[] rec = record(22, 0x0301, h);
        assertThatThrownBy(() -> server.receive(ByteBuffer.wrap(rec))).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.description()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER));
    }
}
