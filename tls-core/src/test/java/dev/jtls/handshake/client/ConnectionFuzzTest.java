package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.AnyChain;
import java.nio.ByteBuffer;

/**
 * Jazzer targets for the two connections fed a byte stream from the network: a jtls server from
 * its first byte on, and a jtls client after its ClientHello. Only {@link TlsAlertException} may
 * come out, and what a connection sends back stays small (no amplification, no unbounded buffer).
 */
class ConnectionFuzzTest {
    /** One time-boxed fuzzing run (JAZZER_FUZZ=1); the README shows how to chain runs into a long one. */
    static final String FUZZ_RUN = "3m";

    private static final TlsConfig SERVER = JtlsToJtlsTest.server().build();
    /**
     * Trusts any chain, so that fuzzed flights get past the certificate to the key exchange, the
     * ChangeCipherSpec and the Finished (the chain checks have their own target in PkiFuzzTest).
     */
    private static final TlsConfig CLIENT = ClientJsseHandshakeTest.config().trust(AnyChain.INSTANCE).build();
    private static final int MAX_REPLY = 64 * 1024;

    /** The first byte sets the size of the pieces the stream arrives in. */
    private static void feed(TlsConnection c, byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0xff) * 64;
        ByteBuffer out = ByteBuffer.allocate(MAX_REPLY);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        try {
            for (int p = 1; p < input.length && c.status() != TlsConnection.Status.CLOSED; p += chunk) {
                ByteBuffer src = ByteBuffer.wrap(input, p, Math.min(chunk, input.length - p));
                while (src.hasRemaining()) {
                    int n = c.receive(src);
                    app.clear();
                    c.read(app);
                    if (n == 0 && c.readable() == 0) {
                        break;
                    }
                }
                out.clear();
                c.takeOutgoing(out);
                assertThat(c.hasOutgoing()).as("more than " + MAX_REPLY + " bytes to send").isFalse();
            }
        } catch (TlsAlertException expected) {
            assertThat(c.failure()).isSameAs(expected);
        }
    }

    @FuzzTest(maxDuration = FUZZ_RUN)
    void serverFedAByteStream(byte[] input) {
        feed(TlsConnection.server(SERVER), input);
    }

    @FuzzTest(maxDuration = FUZZ_RUN)
    void clientFedAByteStream(byte[] input) {
        TlsConnection client = TlsConnection.client(CLIENT, JssePeer.HOST, 443);
        client.takeOutgoing(ByteBuffer.allocate(MAX_REPLY));
        feed(client, input);
        assertThat(CLIENT.clientSessionCache().size()).as("a session from fuzz input").isZero();
    }
}
