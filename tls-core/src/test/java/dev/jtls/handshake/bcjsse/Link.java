package dev.jtls.handshake.bcjsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.connection.TlsConnection;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.handshake.SessionEstablished;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.Session;
import dev.jtls.testing.Pump;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** A jtls connection and a JSSE engine (either role each) joined in memory. */
final class Link {
    final TlsConnection jtls;
    final SSLEngine engine;
    final ByteBuffer jtlsIn = ByteBuffer.allocate(3 << 20);
    final ByteBuffer engineIn = ByteBuffer.allocate(3 << 20);
    final ByteBuffer engineOut = ByteBuffer.allocate(3 << 20);
    /** What the engine threw, if anything. */
    SSLException engineFailure;

    Link(TlsConnection jtls, SSLEngine engine) {
        this.jtls = jtls;
        this.engine = engine;
    }

    /** Runs the handshake; a failure on either side is recorded and the failing side's alert delivered to the other. */
    Link handshake() {
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
        pump();
        return this;
    }

    private void pump() {
        try {
            Pump.run(Pump.of(jtls, jtlsIn), Pump.of(engine, engineOut, engineIn), 10_000);
        } catch (TlsAlertException e) {
            ByteBuffer alert = ByteBuffer.allocate(1 << 16);
            jtls.takeOutgoing(alert);
            alert.flip();
            try {
                while (alert.hasRemaining() && !engine.isInboundDone()) {
                    SSLEngineResult r = engine.unwrap(alert, engineIn);
                    if (r.bytesConsumed() == 0) {
                        break;
                    }
                }
                // BCJSSE takes a fatal alert in unwrap quietly (inbound done) and reports it from the next wrap.
                engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16));
            } catch (SSLException se) {
                engineFailure = se;
            }
        } catch (SSLException e) {
            engineFailure = e;
            ByteBuffer alert = ByteBuffer.allocate(1 << 16);
            try {
                engine.wrap(ByteBuffer.allocate(0), alert);
            } catch (SSLException ignored) {
                // nothing more to send
            }
            alert.flip();
            try {
                jtls.receive(alert);
            } catch (TlsAlertException ignored) {
                // recorded in jtls.failure()
            }
        }
    }

    /** Asserts that both sides finished the handshake. */
    Link connected() {
        assertThat(jtls.failure()).isNull();
        assertThat(engineFailure).isNull();
        assertThat(jtls.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(engine.getHandshakeStatus()).isIn(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING,
                SSLEngineResult.HandshakeStatus.FINISHED);
        assertThat(engine.getSession().getProtocol()).isEqualTo("TLSv1.2");
        return this;
    }

    /** Sends {@code n} random bytes each way and compares them byte for byte. */
    void exchange(int n, long seed) {
        byte[] toEngine = new byte[n];
        byte[] toJtls = new byte[n];
        Random r = new Random(seed);
        r.nextBytes(toEngine);
        r.nextBytes(toJtls);
        jtlsIn.clear();
        engineIn.clear();
        jtls.write(ByteBuffer.wrap(toEngine));
        engineOut.put(toJtls);
        pump();
        assertThat(jtls.failure()).isNull();
        assertThat(engineFailure).isNull();
        assertThat(engineIn.position()).isEqualTo(n);
        assertThat(jtlsIn.position()).isEqualTo(n);
        assertThat(Arrays.copyOf(engineIn.array(), n)).isEqualTo(toEngine);
        assertThat(Arrays.copyOf(jtlsIn.array(), n)).isEqualTo(toJtls);
    }

    Negotiated negotiated() {
        List<Negotiated> all = new ArrayList<>();
        for (HandshakeEvent e : jtls.events()) {
            if (e instanceof Negotiated) {
                all.add((Negotiated) e);
            }
        }
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    Session session() {
        for (HandshakeEvent e : jtls.events()) {
            if (e instanceof SessionEstablished) {
                return ((SessionEstablished) e).session();
            }
        }
        throw new AssertionError("no SessionEstablished in " + jtls.events());
    }
}
