package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.record.RecordProtection;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The jtls engine's data path: wrap seals from the application's buffer straight into the network
 * buffer and unwrap opens straight into the application's, with no buffer or object of the
 * engine's own per record; a gathering wrap copies once into the record; and an established engine
 * keeps no buffer while idle.
 */
class EngineDataPathTest {
    private static final String GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private static EngineLink connected(String suite) throws SSLException {
        SSLEngine client = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        client.setEnabledCipherSuites(new String[] {suite});
        EngineLink l = new EngineLink(client, TestPki.jtlsServer().createSSLEngine());
        l.run();
        assertThat(l.client.getSession().getCipherSuite()).isEqualTo(suite);
        return l;
    }

    private static int buffers(SSLEngine e) {
        return ((JtlsSSLEngine) e).bufferCapacity();
    }

    /**
     * 16 KiB records through wrap and unwrap allocate no more than the same number of seals and
     * opens of the bare AEAD primitive (the JDK's Cipher.init allocates per record; that is not
     * ours). Each call is measured on its own, engine and primitive in turn, so both run under the
     * same JIT state.
     */
    @Test
    void wrapAndUnwrapAllocateNothingBeyondThePrimitive() throws SSLException {
        EngineLink l = connected(GCM);
        ByteBuffer src = ByteBuffer.wrap(JtlsEngineInteropTest.random(RecordProtection.MAX_PLAINTEXT, 1));
        ByteBuffer net = ByteBuffer.allocate(l.client.getSession().getPacketBufferSize());
        ByteBuffer dst = ByteBuffer.allocate(l.server.getSession().getApplicationBufferSize());
        Aead sealer = CryptoProviders.defaults().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        Aead opener = CryptoProviders.defaults().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        byte[] nonce = new byte[12];
        byte[] aad = new byte[13];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int records = 500;
        long ours = 0;
        long bare = 0;
        for (int round = 0; round < 5; round++) { // the last round counts: the JIT has settled by then
            ours = 0;
            bare = 0;
            for (int i = 0; i < records; i++) {
                src.clear();
                net.clear();
                dst.clear();
                long before = mx.getThreadAllocatedBytes(id);
                SSLEngineResult w = l.client.wrap(src, net);
                net.flip();
                SSLEngineResult u = l.server.unwrap(net, dst);
                ours += mx.getThreadAllocatedBytes(id) - before;
                if (w.getStatus() != Status.OK || u.getStatus() != Status.OK || dst.position() != src.capacity()) {
                    throw new AssertionError(w + " / " + u);
                }
                long n = (long) round * records + i + 1;
                for (int b = 0; b < 8; b++) {
                    nonce[4 + b] = (byte) (n >>> (56 - 8 * b));
                }
                src.clear();
                net.clear();
                dst.clear();
                before = mx.getThreadAllocatedBytes(id);
                sealer.seal(nonce, aad, src, net);
                net.flip();
                boolean opened = opener.open(nonce, aad, net, dst);
                bare += mx.getThreadAllocatedBytes(id) - before;
                assertThat(opened).isTrue();
            }
        }
        // Slack of 8 bytes a record for the odd outlier; a result, array or buffer view of ours per
        // wrap or unwrap (24+ bytes each) would exceed it.
        assertThat(ours).as("bytes allocated for %d records through the engines vs %d bare seals+opens (%d)",
                records, records, bare).isLessThanOrEqualTo(bare + 8L * records);
    }

    /** A wrap of many small buffers: the same bytes arrive, under every kind of protection, and no buffer stays behind. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {GCM, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"})
    void gatheringWrapDeliversTheBytesAndKeepsNoBuffer(String suite) throws SSLException {
        EngineLink l = connected(suite);
        byte[] data = JtlsEngineInteropTest.random(50_000, 3);
        ByteBuffer[] pieces = new ByteBuffer[40];
        int at = 0;
        for (int i = 0; i < pieces.length; i++) {
            int n = i == pieces.length - 1 ? data.length - at : 1 + (i * 37) % 2000;
            pieces[i] = ByteBuffer.wrap(data, at, n).slice();
            at += n;
        }
        ByteBuffer net = ByteBuffer.allocate(l.client.getSession().getPacketBufferSize());
        ByteBuffer got = ByteBuffer.allocate(data.length + l.server.getSession().getApplicationBufferSize());
        while (Arrays.stream(pieces).anyMatch(ByteBuffer::hasRemaining)) {
            net.clear();
            SSLEngineResult w = l.client.wrap(pieces, 1, pieces.length - 1, net);
            if (w.bytesConsumed() == 0) {
                // the first piece last: a wrap of an array offset leaves it alone
                w = l.client.wrap(pieces, 0, 1, net);
            }
            assertThat(w.getStatus()).isEqualTo(Status.OK);
            assertThat(w.bytesConsumed()).isBetween(1, RecordProtection.MAX_PLAINTEXT);
            net.flip();
            SSLEngineResult u = l.server.unwrap(net, got);
            assertThat(u.getStatus()).isEqualTo(Status.OK);
            assertThat(u.bytesProduced()).isEqualTo(w.bytesConsumed());
            assertThat(net.hasRemaining()).isFalse();
        }
        byte[] expected = new byte[data.length];
        int first = pieces[0].capacity();
        System.arraycopy(data, first, expected, 0, data.length - first);
        System.arraycopy(data, 0, expected, data.length - first, first);
        assertThat(JtlsEngineInteropTest.received(got)).isEqualTo(expected);
        assertThat(buffers(l.client)).isZero();
        assertThat(buffers(l.server)).isZero();
    }

    /** After the handshake and after data both ways (records whole and cut, data read late), neither engine keeps a buffer. */
    @Test
    void anIdleEngineKeepsNoBuffer() throws SSLException {
        EngineLink l = connected(GCM);
        assertThat(buffers(l.client)).as("client after the handshake").isZero();
        assertThat(buffers(l.server)).as("server after the handshake").isZero();
        l.send(ByteBuffer.wrap(JtlsEngineInteropTest.random(70_000, 4)), ByteBuffer.wrap(JtlsEngineInteropTest.random(70_000, 5)));
        l.chunk = 7000; // records reach the receiver in pieces
        l.run();
        assertThat(JtlsEngineInteropTest.received(l.serverIn)).hasSize(70_000);
        assertThat(JtlsEngineInteropTest.received(l.clientIn)).hasSize(70_000);
        assertThat(buffers(l.client)).as("client after data").isZero();
        assertThat(buffers(l.server)).as("server after data").isZero();
    }
}
