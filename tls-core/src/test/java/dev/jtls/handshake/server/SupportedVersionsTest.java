package dev.jtls.handshake.server;

import static dev.jtls.handshake.server.ServerConformanceTest.assertFatal;
import static dev.jtls.handshake.server.ServerConformanceTest.sendHello;
import static dev.jtls.handshake.server.ServerConformanceTest.server;
import static dev.jtls.handshake.server.TlsfuzzerClientHelloTest.AES128_SHA;
import static dev.jtls.handshake.server.TlsfuzzerClientHelloTest.assertServerHello;
import static dev.jtls.handshake.server.TlsfuzzerClientHelloTest.tlsliteHello;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.handshake.server.TlsfuzzerClientHelloTest.Ext;
import dev.jtls.record.AlertDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8446 §4.2.1: supported_versions, when sent, is what says which versions the client speaks. */
class SupportedVersionsTest {
    private static final int SUPPORTED_VERSIONS = 43;

    private static Ext versions(int... wire) {
        byte[] body = new byte[1 + 2 * wire.length];
        body[0] = (byte) (2 * wire.length);
        for (int i = 0; i < wire.length; i++) {
            body[1 + 2 * i] = (byte) (wire[i] >>> 8);
            body[2 + 2 * i] = (byte) wire[i];
        }
        return new Ext(SUPPORTED_VERSIONS, body);
    }

    @Test
    void aTls13OnlyClientGetsProtocolVersionAndIsToldWhy() {
        ScriptedClient c = sendHello(server(), tlsliteHello(new int[] {AES128_SHA}, List.of(versions(0x0304))));
        assertFatal(c, AlertDescription.PROTOCOL_VERSION);
        assertThat(c.serverFailure.getMessage()).isEqualTo(
                "peer incompatible: the client offers only TLS 1.3 (supported_versions [TLSv1.3]); this server speaks TLS 1.2 only");
    }

    @Test
    void aListWithTls12IsServedAsBefore() {
        assertServerHello(sendHello(server(), tlsliteHello(new int[] {AES128_SHA}, List.of(versions(0x0304, 0x0303)))));
        // Not well formed (odd length): ignored, as a TLS 1.2 server that does not know it would.
        assertServerHello(sendHello(server(), tlsliteHello(new int[] {AES128_SHA},
                List.of(new Ext(SUPPORTED_VERSIONS, new byte[] {3, 3, 4, 3})))));
    }

    @Test
    void onlyOlderVersionsAreRefusedToo() {
        ScriptedClient c = sendHello(server(), tlsliteHello(new int[] {AES128_SHA}, List.of(versions(0x0302, 0x0301))));
        assertFatal(c, AlertDescription.PROTOCOL_VERSION);
        assertThat(c.serverFailure.getMessage()).startsWith("peer incompatible: the client offers none of the versions this server speaks");
    }
}
