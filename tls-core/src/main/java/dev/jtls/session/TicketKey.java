package dev.jtls.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One session-ticket key: a public 16-byte key_name that tells the server which key sealed a ticket
 * (RFC 5077 §4) and a 32-byte AES-256-GCM key. Immutable; the key bytes never leave except as a copy
 * to make the cipher, and never appear in {@link #toString()}.
 */
public final class TicketKey {
    public static final int NAME_LENGTH = 16;
    public static final int KEY_LENGTH = 32;

    private final byte[] name;
    private final byte[] key;
    private final Instant createdAt;

    public TicketKey(byte[] name, byte[] key, Instant createdAt) {
        if (name.length != NAME_LENGTH || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("ticket key name must be 16 bytes and key 32 bytes");
        }
        this.name = name.clone();
        this.key = key.clone();
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public byte[] name() {
        return name.clone();
    }

    /** The name itself, not a copy: for comparisons inside the package only. */
    byte[] nameBytes() {
        return name;
    }

    byte[] key() {
        return key.clone();
    }

    boolean hasName(byte[] ticket) {
        if (ticket.length < NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < NAME_LENGTH; i++) {
            if (ticket[i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TicketKey[name=");
        for (byte b : name) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.append(", created=").append(createdAt).append(']').toString();
    }
}
