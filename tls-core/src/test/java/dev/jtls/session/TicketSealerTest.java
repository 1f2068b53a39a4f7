package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.testing.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketSealerTest {
    private final MutableClock clock = new MutableClock();
    private final CryptoProvider crypto = CryptoProviders.defaults();
    private final TicketKeys keys = new TicketKeys(crypto, clock, Duration.ofHours(1), 2);
    private final TicketSealer sealer = new TicketSealer(crypto, keys, clock);

    private Session session() {
        return Sessions.session(1, clock.instant());
    }

    private byte[] seal(Session s) {
        return sealer.seal(s).orElseThrow();
    }

    @Test
    void roundTrip() {
        Session s = session();
        byte[] ticket = seal(s);
        // key_name(16) || nonce(12) || ciphertext || tag(16)
        assertThat(Arrays.copyOf(ticket, 16)).isEqualTo(keys.current().name());
        TicketSealer.Opened opened = sealer.open(ticket);
        assertThat(opened.session()).isEqualTo(s);
        assertThat(opened.renew()).isFalse();
    }

    @Test
    void layoutIsKeyNameNonceAndAesGcmWithKeyNameAsAad() throws Exception {
        // Independent check of the RFC 5077 §4-style layout with the JDK's own AES-GCM.
        Session s = session();
        byte[] ticket = seal(s);
        TicketKey key = keys.current();
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key.key(), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, Arrays.copyOfRange(ticket, 16, 28)));
        gcm.updateAAD(key.name());
        byte[] state = gcm.doFinal(ticket, 28, ticket.length - 28);
        dev.jtls.record.TlsWriter w = new dev.jtls.record.TlsWriter();
        s.encode(w);
        assertThat(state).isEqualTo(w.toByteArray());
        assertThat(ticket.length).isEqualTo(16 + 12 + state.length + 16);
    }

    @Test
    void roundTripOnEveryBackend() {
        for (CryptoProvider p : List.of(CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults())) {
            TicketKeys k = new TicketKeys(p, clock, Duration.ofHours(1), 1);
            TicketSealer ts = new TicketSealer(p, k, clock);
            assertThat(ts.open(ts.seal(session()).orElseThrow()).session()).as(p.name()).isEqualTo(session());
        }
    }

    @Test
    void ticketsDoNotRepeatOrLeakTheSecret() {
        byte[] a = seal(session());
        byte[] b = seal(session());
        assertThat(a).isNotEqualTo(b); // fresh nonce each time
        String hex = java.util.HexFormat.of().formatHex(a);
        assertThat(hex).doesNotContain(java.util.HexFormat.of().formatHex(Sessions.secret(1)).substring(0, 16));
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] ticket = seal(session());
        for (int i = 0; i < ticket.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] t = ticket.clone();
                t[i] ^= (byte) (1 << bit);
                assertThat(sealer.open(t)).as("byte %d bit %d", i, bit).isNull();
            }
        }
    }

    @Test
    void truncatedOrExtendedTicketsAreRejected() {
        byte[] ticket = seal(session());
        for (int len = 0; len < ticket.length; len++) {
            assertThat(sealer.open(Arrays.copyOf(ticket, len))).isNull();
        }
        assertThat(sealer.open(Arrays.copyOf(ticket, ticket.length + 1))).isNull();
        assertThat(sealer.open(null)).isNull();
    }

    @Test
    void unknownKeyNameIsRejected() {
        TicketKeys otherKeys = new TicketKeys(crypto, clock, Duration.ofHours(1), 2);
        TicketSealer other = new TicketSealer(crypto, otherKeys, clock);
        assertThat(sealer.open(other.seal(session()).orElseThrow())).isNull();
    }

    @Test
    void rightKeyNameWrongKeyIsRejected() {
        // Same name, other key bytes: the tag cannot verify.
        byte[] ticket = new TicketSealer(crypto, new TicketKeys(crypto, clock, Duration.ofHours(1), 0), clock)
                .seal(session()).orElseThrow();
        System.arraycopy(keys.current().name(), 0, ticket, 0, 16);
        assertThat(sealer.open(ticket)).isNull();
    }

    @Test
    void rotatedKeyIsAcceptedWithRenewalUntilDropped() {
        byte[] ticket = seal(Sessions.base(1, clock.instant()).lifetime(Duration.ofDays(1)).build());
        byte[] firstName = keys.current().name();
        clock.advance(Duration.ofHours(1)); // rotation due
        assertThat(keys.current().name()).isNotEqualTo(firstName);
        TicketSealer.Opened opened = sealer.open(ticket);
        assertThat(opened).isNotNull();
        assertThat(opened.renew()).isTrue();
        // A fresh ticket is under the new key and needs no renewal.
        assertThat(sealer.open(seal(session())).renew()).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(sealer.open(ticket)).isNotNull(); // two previous keys accepted
        clock.advance(Duration.ofHours(1)); // the first key is now 3 intervals old: dropped
        assertThat(sealer.open(ticket)).isNull();
        assertThat(keys.acceptedKeys()).hasSize(3);
    }

    @Test
    void manualRotationKeepsAtMostThePreviousCount() {
        byte[] ticket = seal(session());
        keys.rotate();
        assertThat(sealer.open(ticket).renew()).isTrue();
        keys.rotate();
        assertThat(sealer.open(ticket)).isNotNull();
        keys.rotate();
        assertThat(sealer.open(ticket)).isNull();
        assertThat(keys.acceptedKeys()).hasSize(3);
    }

    @Test
    void noPreviousKeysMeansRotationInvalidatesTickets() {
        TicketKeys k = new TicketKeys(crypto, clock, Duration.ofMinutes(10), 0);
        TicketSealer ts = new TicketSealer(crypto, k, clock);
        byte[] ticket = ts.seal(session()).orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        assertThat(ts.open(ticket)).isNull();
    }

    @Test
    void expiredTicketIsRejected() {
        byte[] ticket = seal(Sessions.base(1, clock.instant()).lifetime(Duration.ofMinutes(30)).build());
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(sealer.open(ticket)).isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(sealer.open(ticket)).isNull();
    }

    @Test
    void sessionsWithoutEmsOrTooLargeAreNotSealed() {
        assertThat(sealer.seal(Sessions.base(1, clock.instant()).extendedMasterSecret(false).build())).isEmpty();
        Session huge = Sessions.base(1, clock.instant()).peerCertificates(List.of(new byte[70_000])).build();
        assertThat(sealer.seal(huge)).isEmpty();
        Session fits = Sessions.base(1, clock.instant()).peerCertificates(List.of(new byte[60_000])).build();
        Optional<byte[]> t = sealer.seal(fits);
        assertThat(t).isPresent();
        assertThat(t.get().length).isLessThanOrEqualTo(TicketSealer.MAX_TICKET_LENGTH);
        assertThat(sealer.open(t.get()).session()).isEqualTo(fits);
    }

    @Test
    void keyToStringHidesTheKey() {
        TicketKey k = new TicketKey(new byte[16], filled(0xcd), clock.instant());
        assertThat(k.toString()).doesNotContain("cdcd");
    }

    @Test
    void revokedSessionsTicketsNoLongerOpenOthersDo() {
        Session revoked = session();
        Session kept = Sessions.session(2, clock.instant());
        byte[] before = seal(revoked);
        byte[] keptTicket = seal(kept);
        sealer.revoke(revoked);
        // Both the ticket issued before and any issued after (e.g. renewed) are refused.
        assertThat(sealer.open(before)).isNull();
        assertThat(sealer.open(seal(revoked))).isNull();
        assertThat(sealer.open(keptTicket).session()).isEqualTo(kept);
        assertThat(sealer.revokedCount()).isEqualTo(1);
    }

    @Test
    void revocationIsByTheSessionEvenWithoutAnId() {
        Session noId = Sessions.base(3, clock.instant()).id(new byte[0]).build();
        Session otherNoId = Sessions.base(4, clock.instant()).id(new byte[0]).build();
        byte[] ticket = seal(noId);
        byte[] other = seal(otherNoId);
        sealer.revoke(noId);
        assertThat(sealer.open(ticket)).isNull();
        assertThat(sealer.open(other)).isNotNull();
    }

    @Test
    void revocationsOfExpiredOrUnresumableSessionsAreNotKept() {
        Session s = Sessions.base(1, clock.instant()).lifetime(Duration.ofMinutes(1)).build();
        clock.advance(Duration.ofMinutes(1));
        sealer.revoke(s);
        sealer.revoke(Sessions.base(2, clock.instant()).extendedMasterSecret(false).build());
        assertThat(sealer.revokedCount()).isZero();
    }

    @Test
    void revokedSetIsBoundedExpiredFirstThenOldest() {
        int max = TicketSealer.MAX_REVOKED;
        // Half the revocations expire in a minute: when the set is full they are dropped first.
        for (int n = 0; n < max / 2; n++) {
            sealer.revoke(unique(n, Duration.ofMinutes(1)));
        }
        Session firstLongLived = unique(max / 2, Duration.ofHours(10));
        byte[] firstTicket = seal(firstLongLived);
        for (int n = max / 2; n < max; n++) {
            sealer.revoke(unique(n, Duration.ofHours(10)));
        }
        assertThat(sealer.revokedCount()).isEqualTo(max);
        clock.advance(Duration.ofMinutes(2));
        sealer.revoke(unique(max, Duration.ofHours(10)));
        assertThat(sealer.revokedCount()).isEqualTo(max - max / 2 + 1);
        assertThat(sealer.open(firstTicket)).isNull();
        // Full with live revocations only: the oldest is forgotten, the bound holds.
        for (int n = max + 1; n < 2 * max; n++) {
            sealer.revoke(unique(n, Duration.ofHours(10)));
        }
        assertThat(sealer.revokedCount()).isEqualTo(max);
        assertThat(sealer.open(firstTicket)).isNotNull();
    }

    /** A session whose master secret encodes {@code n} (Sessions.secret repeats every 256). */
    private Session unique(int n, Duration lifetime) {
        byte[] secret = Sessions.secret(7);
        secret[0] = (byte) (n >>> 24);
        secret[1] = (byte) (n >>> 16);
        secret[2] = (byte) (n >>> 8);
        secret[3] = (byte) n;
        return Sessions.base(n, clock.instant()).masterSecret(secret).lifetime(lifetime).build();
    }

    private static byte[] filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
