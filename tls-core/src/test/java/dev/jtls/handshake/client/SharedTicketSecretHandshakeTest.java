package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.session.TicketSecret;
import dev.jtls.testing.MutableClock;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Server configs of two instances sharing a ticket secret ({@link TlsConfig.Builder#ticketSecret}),
 * in memory: a ticket from instance 1 resumes on instance 2, also across a key period boundary; another
 * secret, or a ticket two periods old, gets a full handshake with no alert. Each instance has its own
 * session-id cache, so only the ticket can resume. The servers' clock is fixed and moved by hand.
 */
class SharedTicketSecretHandshakeTest {
    private static final Duration PERIOD = Duration.ofHours(1);

    private final TlsConfig client = ClientJsseHandshakeTest.config().build();

    private static byte[] secret(int seed) {
        byte[] s = new byte[48];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (seed + 13 * i);
        }
        return s;
    }

    private static TlsConfig instance(int seed, Clock clock) {
        return JtlsToJtlsTest.server().clock(clock).ticketSecret(TicketSecret.of(secret(seed), PERIOD)).build();
    }

    /** Connects; returns whether both sides say the handshake was abbreviated, after checking neither failed. */
    private boolean resumedAgainst(TlsConfig server) throws Exception {
        return resumedAgainst(client, server);
    }

    private static boolean resumedAgainst(TlsConfig client, TlsConfig server) throws Exception {
        TlsConnection c = TlsConnection.client(client, JssePeer.HOST, 443);
        TlsConnection s = TlsConnection.server(server);
        JtlsToJtlsTest.pump(c, s, ByteBuffer.allocate(1 << 16), ByteBuffer.allocate(1 << 16));
        assertThat(c.failure()).isNull();
        assertThat(s.failure()).isNull();
        assertThat(c.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(s.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        boolean resumed = JtlsToJtlsTest.negotiated(c).resumed();
        assertThat(JtlsToJtlsTest.negotiated(s).resumed()).isEqualTo(resumed);
        return resumed;
    }

    @Test
    void aTicketFromInstanceOneResumesOnInstanceTwo() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        assertThat(resumedAgainst(instance(1, clock))).isFalse();
        assertThat(resumedAgainst(instance(1, clock))).isTrue();
    }

    @Test
    void anotherSecretIgnoresTheTicket() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        assertThat(resumedAgainst(instance(1, clock))).isFalse();
        assertThat(resumedAgainst(instance(2, clock))).as("a clean full handshake").isFalse();
        // The new session's ticket (under secret 2) resumes on instance 2's peers.
        assertThat(resumedAgainst(instance(2, clock))).isTrue();
    }

    @Test
    void aRotationDoesNotForceAFullHandshakeButTwoPeriodsOnDo() throws Exception {
        Instant boundary = Instant.ofEpochMilli((System.currentTimeMillis() / PERIOD.toMillis() + 1) * PERIOD.toMillis());
        MutableClock clock = new MutableClock(boundary.minusSeconds(1));
        assertThat(resumedAgainst(instance(1, clock))).isFalse();
        clock.set(boundary.plusSeconds(1));
        assertThat(resumedAgainst(instance(1, clock))).as("previous period's key").isTrue();

        // A new client's ticket issued just before the boundary, presented two periods later.
        TlsConfig otherClient = ClientJsseHandshakeTest.config().build();
        MutableClock later = new MutableClock(boundary.minusSeconds(1));
        assertThat(resumedAgainst(otherClient, instance(1, later))).isFalse();
        later.set(boundary.plus(PERIOD).plusSeconds(1));
        assertThat(resumedAgainst(otherClient, instance(1, later))).as("a ticket beyond the previous period").isFalse();
    }
}
