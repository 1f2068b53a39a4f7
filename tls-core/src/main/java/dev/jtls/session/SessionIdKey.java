package dev.jtls.session;

import java.util.Arrays;

/** A session id as a map key: compared by content (a {@code byte[]} compares by identity). */
final class SessionIdKey {
    private final byte[] id;
    private final int hash;

    SessionIdKey(byte[] id) {
        this.id = id.clone();
        this.hash = Arrays.hashCode(this.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionIdKey && Arrays.equals(id, ((SessionIdKey) o).id);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
