package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Ticket keys derived from one shared secret per period: what one instance seals another opens, across a
 * rotation and with clocks a period apart, but not two periods on, not past the session's lifetime and
 * not under another secret. Fixed clocks throughout.
 */
class DerivedTicketKeysTest {
    private static final Duration PERIOD = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private final CryptoProvider crypto = CryptoProviders.defaults();

    static byte[] secret(int seed) {
        byte[] s = new byte[32];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (seed * 31 + i * 7);
        }
        return s;
    }

    private TicketSealer sealer(byte[] secret, MutableClock clock) {
        return TlsConfig.newTicketSealer(crypto, clock, TicketSecret.of(secret, PERIOD));
    }

    private static Session session(Instant created, Duration lifetime) {
        return Sessions.base(1, created).lifetime(lifetime).build();
    }

    @Test
    void twoInstancesWithTheSameSecretOpenEachOthersTickets() {
        MutableClock clock1 = new MutableClock(START.plusSeconds(60));
        MutableClock clock2 = new MutableClock(START.plusSeconds(600));
        TicketSealer one = sealer(secret(1), clock1);
        TicketSealer two = sealer(secret(1), clock2);
        Session s = session(clock1.instant(), Duration.ofHours(10));
        TicketSealer.Opened opened = two.open(one.seal(s).orElseThrow());
        assertThat(opened).isNotNull();
        assertThat(opened.session()).isEqualTo(s);
        assertThat(opened.renew()).isFalse();
        assertThat(one.open(two.seal(s).orElseThrow())).isNotNull();
    }

    @Test
    void anotherSecretOpensNothing() {
        MutableClock clock = new MutableClock(START);
        Session s = session(START, Duration.ofHours(10));
        byte[] ticket = sealer(secret(1), clock).seal(s).orElseThrow();
        assertThat(sealer(secret(2), clock).open(ticket)).isNull();
        assertThat(sealer(secret(1), clock).open(ticket)).isNotNull();
        // Another secret's ticket under this secret's key name fails the tag, still without throwing.
        byte[] forged = sealer(secret(2), clock).seal(s).orElseThrow();
        System.arraycopy(ticket, 0, forged, 0, 16);
        assertThat(sealer(secret(1), clock).open(forged)).isNull();
    }

    @Test
    void theKeyChangesEachPeriodAndThePreviousOneStillOpensWithARenewal() {
        MutableClock clock = new MutableClock(START.plus(PERIOD).minusSeconds(1));
        TicketSealer sealer = sealer(secret(1), clock);
        DerivedTicketKeys keys = new DerivedTicketKeys(TicketSecret.of(secret(1), PERIOD), crypto, clock);
        byte[] before = keys.current().name();
        Session s = session(clock.instant(), Duration.ofHours(10));
        byte[] ticket = sealer.seal(s).orElseThrow();
        assertThat(Arrays.copyOf(ticket, 16)).isEqualTo(before);

        clock.advance(Duration.ofSeconds(2)); // across the boundary
        assertThat(keys.current().name()).isNotEqualTo(before);
        assertThat(keys.current().createdAt()).isEqualTo(START.plus(PERIOD));
        TicketSealer.Opened opened = sealer.open(ticket);
        assertThat(opened).isNotNull();
        assertThat(opened.renew()).as("sealed under the previous period's key").isTrue();

        clock.set(START.plus(PERIOD.multipliedBy(2)).minusMillis(1)); // the end of the previous key's last period
        assertThat(sealer.open(ticket)).isNotNull();
        clock.advance(Duration.ofMillis(1)); // two periods on: beyond the previous period
        assertThat(sealer.open(ticket)).isNull();
    }

    @Test
    void theNextPeriodsKeyOpensForAnInstanceWhoseClockIsBehind() {
        MutableClock ahead = new MutableClock(START.plus(PERIOD).plusSeconds(5));
        MutableClock behind = new MutableClock(START.plus(PERIOD).minusSeconds(5));
        Session s = session(behind.instant(), Duration.ofHours(10));
        byte[] ticket = sealer(secret(1), ahead).seal(s).orElseThrow();
        TicketSealer.Opened opened = sealer(secret(1), behind).open(ticket);
        assertThat(opened).isNotNull();
        assertThat(opened.renew()).isTrue();
        // Two periods ahead is no longer skew.
        MutableClock farAhead = new MutableClock(START.plus(PERIOD.multipliedBy(2)).plusSeconds(5));
        assertThat(sealer(secret(1), behind).open(sealer(secret(1), farAhead).seal(s).orElseThrow())).isNull();
    }

    @Test
    void aTicketOlderThanItsSessionsLifetimeIsRefusedWhileItsKeyIsStillAccepted() {
        MutableClock clock = new MutableClock(START);
        TicketSealer sealer = sealer(secret(1), clock);
        byte[] ticket = sealer.seal(session(START, Duration.ofMinutes(30))).orElseThrow();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sealer.open(ticket)).isNotNull();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sealer.open(ticket)).isNull();
    }

    @Test
    void derivationIsThePerPeriodHkdfOfTheSecret() {
        MutableClock clock = new MutableClock(START);
        DerivedTicketKeys a = new DerivedTicketKeys(TicketSecret.of(secret(1), PERIOD), crypto, clock);
        DerivedTicketKeys b = new DerivedTicketKeys(TicketSecret.of(secret(1), PERIOD),
                CryptoProviders.bouncyCastle(), new MutableClock(START));
        DerivedTicketKeys other = new DerivedTicketKeys(TicketSecret.of(secret(3), PERIOD), crypto, clock);
        assertThat(a.acceptedKeys()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(a.acceptedKeys().get(i).name()).isEqualTo(b.acceptedKeys().get(i).name());
            assertThat(a.acceptedKeys().get(i).key()).isEqualTo(b.acceptedKeys().get(i).key());
            assertThat(a.acceptedKeys().get(i).key()).isNotEqualTo(other.acceptedKeys().get(i).key());
        }
        // Independent check of the documented derivation with the JDK's HMAC (RFC 5869 by hand).
        long period = START.toEpochMilli() / PERIOD.toMillis();
        byte[] okm = hkdfSha256(secret(1), "jtls session ticket key", period);
        assertThat(a.current().name()).isEqualTo(Arrays.copyOf(okm, 16));
        assertThat(a.current().key()).isEqualTo(Arrays.copyOfRange(okm, 16, 48));
    }

    private static byte[] hkdfSha256(byte[] ikm, String label, long period) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new javax.crypto.spec.SecretKeySpec(prk, "HmacSHA256"));
            byte[] info = java.nio.ByteBuffer.allocate(label.length() + 8)
                    .put(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(period).array();
            mac.update(info);
            mac.update((byte) 1);
            byte[] t1 = mac.doFinal();
            mac.update(t1);
            mac.update(info);
            mac.update((byte) 2);
            byte[] t2 = mac.doFinal();
            byte[] out = Arrays.copyOf(t1, 48);
            System.arraycopy(t2, 0, out, 32, 16);
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aShortOrConstantSecretOrABadPeriodIsRefusedAtConfigurationTime() {
        assertThatThrownBy(() -> TicketSecret.of(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> TicketSecret.of(new byte[64]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("placeholder");
        assertThatThrownBy(() -> TicketSecret.of(secret(1), Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between");
        assertThatThrownBy(() -> TicketSecret.of(secret(1), Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between");
        assertThatThrownBy(() -> TlsConfig.builder().ticketSecret(TicketSecret.of(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
        TlsConfig.Builder both = TlsConfig.builder().ticketSecret(TicketSecret.of(secret(1)))
                .ticketSealer(TlsConfig.newTicketSealer(crypto, new MutableClock()));
        assertThatThrownBy(both::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        assertThat(TicketSecret.of(secret(1)).period()).isEqualTo(Duration.ofHours(12));
        assertThat(TicketSecret.of(secret(1)).toString()).doesNotContain(Arrays.toString(secret(1)))
                .contains("32 bytes");
    }
}
