package dev.jtls.session;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hkdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Session-ticket keys that every instance of a server derives alike from one {@link TicketSecret}:
 * time is cut into periods counted from the Unix epoch, and the key of period {@code n} is HKDF-SHA256
 * (RFC 5869) over the secret with info {@code "jtls session ticket key" || uint64(n)}, 48 bytes split
 * into the 16-byte key_name and the 32-byte AES-256-GCM key. The key of the current period (by the
 * injected clock) seals; it, the previous period's (tickets issued just before a rotation still open,
 * and are renewed) and the next period's (an instance whose clock runs ahead may already seal under
 * it) open. A ticket two periods old is refused, and its session's own lifetime bounds it as well.
 * Thread-safe: the three keys of a period are one immutable window, replaced when the period changes.
 */
public final class DerivedTicketKeys implements TicketKeyring {
    private static final byte[] LABEL = "jtls session ticket key".getBytes(StandardCharsets.US_ASCII);

    private final CryptoProvider crypto;
    private final Clock clock;
    private final long periodMillis;
    /** HKDF-Extract of the secret (RFC 5869 §2.2); the secret itself is not kept. */
    private final byte[] prk;
    private volatile Window window;

    /** The keys of one period and its two neighbours. */
    private record Window(long period, TicketKey previous, TicketKey current, TicketKey next) {
    }

    public DerivedTicketKeys(TicketSecret secret, CryptoProvider crypto, Clock clock) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.periodMillis = secret.period().toMillis();
        byte[] ikm = secret.bytes();
        try {
            this.prk = Hkdf.extract(crypto, HashAlgorithm.SHA256, new byte[0], ikm);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private Window window() {
        long period = Math.floorDiv(clock.millis(), periodMillis);
        Window w = window;
        if (w != null && w.period() == period) {
            return w;
        }
        // Reuse the keys the last window already derived (after a rotation, two of the three).
        w = new Window(period, key(w, period - 1), key(w, period), key(w, period + 1));
        window = w;
        return w;
    }

    private TicketKey key(Window known, long period) {
        if (known != null) {
            for (TicketKey k : new TicketKey[] {known.previous(), known.current(), known.next()}) {
                if (k.createdAt().toEpochMilli() == period * periodMillis) {
                    return k;
                }
            }
        }
        byte[] info = ByteBuffer.allocate(LABEL.length + Long.BYTES).put(LABEL).putLong(period).array();
        byte[] okm = Hkdf.expand(crypto, HashAlgorithm.SHA256, prk, info, TicketKey.NAME_LENGTH + TicketKey.KEY_LENGTH);
        byte[] name = Arrays.copyOfRange(okm, 0, TicketKey.NAME_LENGTH);
        byte[] key = Arrays.copyOfRange(okm, TicketKey.NAME_LENGTH, okm.length);
        try {
            return new TicketKey(name, key, Instant.ofEpochMilli(period * periodMillis));
        } finally {
            Arrays.fill(okm, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public TicketKey current() {
        return window().current();
    }

    @Override
    public TicketKey find(byte[] ticket) {
        Window w = window();
        for (TicketKey k : new TicketKey[] {w.current(), w.previous(), w.next()}) {
            if (k.hasName(ticket)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public boolean isCurrent(TicketKey key) {
        return key.hasName(window().current().nameBytes());
    }

    @Override
    public List<TicketKey> acceptedKeys() {
        Window w = window();
        return List.of(w.current(), w.previous(), w.next());
    }

    @Override
    public String toString() {
        return "DerivedTicketKeys[period " + java.time.Duration.ofMillis(periodMillis) + "]";
    }
}
