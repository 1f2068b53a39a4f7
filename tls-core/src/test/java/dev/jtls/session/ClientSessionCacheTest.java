package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.session.ClientSessionCache.PeerKey;
import dev.jtls.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSessionCacheTest {
    private final MutableClock clock = new MutableClock();
    private static final PeerKey A = new PeerKey("a.example", 443, "a.example");
    private static final PeerKey B = new PeerKey("b.example", 443, "b.example");
    private static final PeerKey C = new PeerKey("c.example", 443, null);

    private Session session(int n) {
        return Sessions.session(n, clock.instant());
    }

    @Test
    void storesTheLastSessionPerPeer() {
        ClientSessionCache cache = new ClientSessionCache(clock, 10, Duration.ofHours(1));
        assertThat(cache.put(A, session(1), null)).isTrue();
        assertThat(cache.put(A, session(2), new byte[] {7, 7})).isTrue();
        ClientSessionCache.Entry e = cache.get(A);
        assertThat(e.session()).isEqualTo(session(2));
        assertThat(e.ticket()).containsExactly(7, 7);
        assertThat(cache.get(B)).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void keyIsHostPortAndServerNameCaseInsensitively() {
        ClientSessionCache cache = new ClientSessionCache(clock);
        cache.put(A, session(1), null);
        assertThat(cache.get(new PeerKey("A.Example", 443, "A.EXAMPLE"))).isNotNull();
        assertThat(cache.get(new PeerKey("a.example", 8443, "a.example"))).isNull();
        // RFC 6066 §3: a session made for one server name is not offered under another.
        assertThat(cache.get(new PeerKey("a.example", 443, "other.example"))).isNull();
        assertThat(cache.get(new PeerKey("a.example", 443, null))).isNull();
    }

    @Test
    void boundedLeastRecentlyUsed() {
        ClientSessionCache cache = new ClientSessionCache(clock, 2, Duration.ofHours(1));
        cache.put(A, session(1), null);
        cache.put(B, session(2), null);
        cache.get(A);
        cache.put(C, session(3), null);
        assertThat(cache.get(B)).isNull();
        assertThat(cache.get(A)).isNotNull();
        assertThat(cache.get(C)).isNotNull();
        cache.setMaxEntries(1);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(C)).isNotNull();
    }

    @Test
    void lifetime() {
        ClientSessionCache cache = new ClientSessionCache(clock, 10, Duration.ofMinutes(5));
        cache.put(A, session(1), null);
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(cache.get(A)).isNotNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get(A)).isNull();
        cache.setLifetime(Duration.ZERO);
        cache.put(B, Sessions.base(2, clock.instant()).lifetime(Duration.ofSeconds(60)).build(), null);
        clock.advance(Duration.ofSeconds(60));
        assertThat(cache.get(B)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesUnresumableSessions() {
        ClientSessionCache cache = new ClientSessionCache(clock);
        assertThat(cache.put(A, Sessions.base(1, clock.instant()).extendedMasterSecret(false).build(),
                new byte[] {1})).isFalse();
        // No id and no ticket: nothing to offer.
        assertThat(cache.put(A, Sessions.base(1, clock.instant()).id(new byte[0]).build(), null)).isFalse();
        assertThat(cache.put(A, Sessions.base(1, clock.instant()).id(new byte[0]).build(), new byte[0])).isFalse();
        assertThat(cache.put(A, Sessions.base(1, clock.instant()).id(new byte[0]).build(), new byte[] {1})).isTrue();
    }

    @Test
    void removalOnFailureSparesANewerSession() {
        ClientSessionCache cache = new ClientSessionCache(clock);
        Session old = session(1);
        cache.put(A, old, null);
        Session newer = session(2);
        cache.put(A, newer, null);
        cache.remove(A, old);
        assertThat(cache.get(A).session()).isEqualTo(newer);
        cache.remove(A, newer);
        assertThat(cache.get(A)).isNull();
        cache.put(B, old, null);
        cache.remove(B);
        assertThat(cache.get(B)).isNull();
    }

    @Test
    void ticketIsCopied() {
        ClientSessionCache cache = new ClientSessionCache(clock);
        byte[] ticket = {1, 2, 3};
        cache.put(A, session(1), ticket);
        ticket[0] = 9;
        cache.get(A).ticket()[1] = 9;
        assertThat(cache.get(A).ticket()).containsExactly(1, 2, 3);
    }
}
