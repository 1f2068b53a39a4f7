package dev.jtls.session;

import java.time.Duration;
import java.util.Objects;

/**
 * A secret shared by every instance of a server, from which each derives the same session-ticket key
 * for each period ({@link DerivedTicketKeys}): a ticket one instance issues, any other opens, with no
 * key service between them. At least 32 bytes (256 bits) from a good random source, e.g. {@code
 * openssl rand 32}; refused here, at configuration time, if shorter or if every byte is the same (a
 * placeholder, not a secret). Immutable; the bytes never appear in {@link #toString()}.
 */
public final class TicketSecret {
    /** The least secret accepted: 256 bits, the strength of the AES-256-GCM keys derived from it. */
    public static final int MIN_LENGTH = 32;
    /** How long one derived key seals new tickets, unless told otherwise. */
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(12);
    static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    static final Duration MAX_PERIOD = Duration.ofDays(7);

    private final byte[] secret;
    private final Duration period;

    private TicketSecret(byte[] secret, Duration period) {
        this.secret = secret;
        this.period = period;
    }

    /** The secret with keys changing every {@link #DEFAULT_PERIOD} (12 hours). */
    public static TicketSecret of(byte[] secret) {
        return of(secret, DEFAULT_PERIOD);
    }

    /**
     * @param secret at least {@link #MIN_LENGTH} random bytes, the same on every instance
     * @param period how long each derived key seals new tickets, 1 minute to 7 days, the same on
     *               every instance; a key also opens tickets for one period after (rotation) and is
     *               accepted one period early (clock skew between instances)
     * @throws IllegalArgumentException for a short or constant secret or a period out of range
     */
    public static TicketSecret of(byte[] secret, Duration period) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(period, "period");
        if (secret.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the session-ticket secret is " + secret.length + " bytes; it must be at least "
                    + MIN_LENGTH + " random bytes (256 bits), the same on every server instance (e.g. from `openssl rand 32`)");
        }
        if (isConstant(secret)) {
            throw new IllegalArgumentException("the session-ticket secret is " + secret.length + " copies of one byte value,"
                    + " a placeholder rather than a secret; use at least " + MIN_LENGTH + " random bytes (e.g. from `openssl rand 32`)");
        }
        if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("the session-ticket key period is " + period + "; it must be between "
                    + MIN_PERIOD + " and " + MAX_PERIOD);
        }
        return new TicketSecret(secret.clone(), period);
    }

    private static boolean isConstant(byte[] b) {
        for (byte x : b) {
            if (x != b[0]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the secret's bytes (for the key derivation). */
    byte[] bytes() {
        return secret.clone();
    }

    public Duration period() {
        return period;
    }

    @Override
    public String toString() {
        return "TicketSecret[" + secret.length + " bytes, period " + period + "]";
    }
}
