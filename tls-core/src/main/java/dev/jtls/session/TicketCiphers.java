package dev.jtls.session;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The AES-256-GCM ciphers of a {@link TicketSealer}'s keys, made once per key and reused by every
 * ticket that key seals or opens ({@link PrimitivePool}: a thread has a cipher to itself while it
 * uses it). Ciphers are kept for the keys the keyring accepts and the key asked for: when a key
 * appears that has none yet (the key set has changed: a rotation, a new period), those of keys no
 * longer accepted are dropped, so a retired key's cipher lives no longer than the key does.
 * Thread-safe.
 */
final class TicketCiphers {
    private record Entry(TicketKey key, PrimitivePool<Aead> ciphers) {
    }

    private final CryptoProvider crypto;
    private final TicketKeyring keys;
    /** Replaced whole, never changed: a lookup reads it without a lock. */
    private volatile Entry[] entries = new Entry[0];

    TicketCiphers(CryptoProvider crypto, TicketKeyring keys) {
        this.crypto = Objects.requireNonNull(crypto);
        this.keys = Objects.requireNonNull(keys);
    }

    /** The pool of {@code key}'s ciphers (by identity: a keyring hands out one object per key). */
    PrimitivePool<Aead> of(TicketKey key) {
        PrimitivePool<Aead> p = find(entries, key);
        return p != null ? p : add(key);
    }

    private static PrimitivePool<Aead> find(Entry[] es, TicketKey key) {
        for (Entry e : es) {
            if (e.key() == key) {
                return e.ciphers();
            }
        }
        return null;
    }

    private synchronized PrimitivePool<Aead> add(TicketKey key) {
        Entry[] es = entries;
        PrimitivePool<Aead> p = find(es, key);
        if (p != null) {
            return p;
        }
        List<TicketKey> accepted = keys.acceptedKeys();
        List<Entry> kept = new ArrayList<>(accepted.size() + 1);
        for (Entry e : es) {
            if (accepted.stream().anyMatch(k -> k == e.key())) {
                kept.add(e);
            }
        }
        p = new PrimitivePool<>(() -> newCipher(key));
        kept.add(new Entry(key, p));
        entries = kept.toArray(new Entry[0]);
        return p;
    }

    private Aead newCipher(TicketKey key) {
        byte[] k = key.key();
        try {
            return crypto.newAead(AeadAlgorithm.AES_256_GCM, k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** How many keys have ciphers kept (for tests of the pruning). */
    int keyCount() {
        return entries.length;
    }
}
