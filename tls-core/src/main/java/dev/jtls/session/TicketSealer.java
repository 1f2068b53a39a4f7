package dev.jtls.session;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals a {@link Session} into an opaque RFC 5077 session ticket and opens it again.
 *
 * <p>Format: {@code key_name[16] || nonce[12] || AES-256-GCM(session.encode) || tag[16]}, with
 * key_name as the additional data. RFC 5077 §4 recommends key_name, IV, encrypted state and a MAC over
 * all three; an AEAD is the modern form of encrypt-then-MAC and authenticates the key name through the
 * AAD and the nonce through the GCM construction. Nonces are random: under one key the chance of a
 * repeat stays negligible far beyond the number of tickets a key seals between rotations (NIST SP
 * 800-38D §8.3 bounds random 96-bit IVs at 2^32 invocations per key).
 *
 * <p>{@link #open} never throws: an unknown key name, a bad tag, a malformed or expired ticket all
 * give null, and the server does a full handshake (RFC 5077 §3.1: "If the server cannot or does not
 * want to honor the ticket, then it can initiate a full handshake with the client"). Thread-safe: one
 * sealer serves every connection of a server from several threads; each key's cipher is initialised
 * once and reused ({@link TicketCiphers}), a thread having a cipher to itself while it uses it.
 *
 * <p>A ticket cannot be recalled from the client, so {@link #revoke} (the server's
 * {@code SSLSession.invalidate()}) remembers the session instead and {@link #open} refuses its
 * tickets from then on. A revoked session is remembered by a keyed fingerprint of its master secret
 * (the one value unique to it whether or not it has an id; HMAC under a random key of this sealer, so
 * the set says nothing about the secret) until the session expires, when its tickets stop opening
 * anyway; at most {@link #MAX_REVOKED} at once, the oldest revocation forgotten first.
 */
public final class TicketSealer {
    /** RFC 5077 §3.3: opaque ticket&lt;0..2^16-1&gt;. */
    public static final int MAX_TICKET_LENGTH = 0xffff;
    private static final int NAME = TicketKey.NAME_LENGTH;
    private static final int NONCE = AeadAlgorithm.NONCE_LENGTH;
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final int OVERHEAD = NAME + NONCE + TAG;
    /** The most revoked sessions remembered at once: the default size of the server's session-id cache. */
    public static final int MAX_REVOKED = ServerSessionCache.DEFAULT_MAX_ENTRIES;

    /** An opened ticket: the session, and whether to send the client a fresh ticket. */
    public record Opened(Session session, boolean renew) {
    }

    private final CryptoProvider crypto;
    private final TicketKeyring keys;
    private final Clock clock;
    /** The HMAC key of the revocation fingerprints; random per sealer, never leaves it. */
    private final byte[] revocationKey = new byte[32];
    private final TicketCiphers ciphers;
    /** HMACs under {@link #revocationKey}, reused across tickets. */
    private final PrimitivePool<Hmac> fingerprints;
    /** Fingerprint of a revoked session → the instant its tickets expire anyway; oldest revocation first. */
    private final LinkedHashMap<ByteBuffer, Instant> revoked = new LinkedHashMap<>();
    /** No revocation expires before this: a full set is scanned for expired ones only from then on. */
    private Instant nextExpiry = Instant.MAX;

    public TicketSealer(CryptoProvider crypto, TicketKeyring keys, Clock clock) {
        this.crypto = Objects.requireNonNull(crypto);
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
        crypto.random().nextBytes(revocationKey);
        this.ciphers = new TicketCiphers(crypto, keys);
        this.fingerprints = new PrimitivePool<>(() -> crypto.newHmac(HashAlgorithm.SHA256, revocationKey));
    }

    /**
     * Refuses the session's tickets from now on ({@link #open} gives null for them, so the client
     * gets a full handshake): for {@code SSLSession.invalidate()} on the server, which must stop the
     * session from being resumed however the client asks. Nothing is remembered for a session that
     * has expired or cannot be resumed (its tickets do not open anyway).
     */
    public void revoke(Session session) {
        Instant now = clock.instant();
        if (!session.isResumable() || !session.isValidAt(now)) {
            return;
        }
        ByteBuffer fingerprint = fingerprint(session);
        Instant expiry = session.creationTime().plus(session.lifetime());
        synchronized (revoked) {
            revoked.remove(fingerprint);
            if (revoked.size() >= MAX_REVOKED && !now.isBefore(nextExpiry)) {
                revoked.values().removeIf(e -> !now.isBefore(e));
                nextExpiry = revoked.values().stream().min(Instant::compareTo).orElse(Instant.MAX);
            }
            Iterator<Map.Entry<ByteBuffer, Instant>> eldest = revoked.entrySet().iterator();
            while (revoked.size() >= MAX_REVOKED) {
                eldest.next();
                eldest.remove();
            }
            revoked.put(fingerprint, expiry);
            if (expiry.isBefore(nextExpiry)) {
                nextExpiry = expiry;
            }
        }
    }

    /** The number of revoked sessions remembered (for tests of the bound). */
    public int revokedCount() {
        synchronized (revoked) {
            return revoked.size();
        }
    }

    private boolean isRevoked(Session session) {
        synchronized (revoked) {
            // Nothing revoked (the usual case): no fingerprint to compute.
            if (revoked.isEmpty()) {
                return false;
            }
        }
        ByteBuffer fingerprint = fingerprint(session);
        synchronized (revoked) {
            return revoked.containsKey(fingerprint);
        }
    }

    private ByteBuffer fingerprint(Session session) {
        byte[] secret = session.masterSecret();
        try {
            Hmac mac = fingerprints.take();
            mac.update(secret);
            ByteBuffer fingerprint = ByteBuffer.wrap(mac.doFinal());
            fingerprints.give(mac);
            return fingerprint;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Seals the session under the current key.
     *
     * @return the ticket, or empty if the session is not resumable (no EMS) or too large for a
     *         ticket (then the server sends no NewSessionTicket)
     */
    public Optional<byte[]> seal(Session session) {
        if (!session.isResumable()) {
            return Optional.empty();
        }
        TlsWriter w = new TlsWriter(256);
        session.encode(w);
        byte[] state = w.toByteArray();
        if (state.length > MAX_TICKET_LENGTH - OVERHEAD) {
            return Optional.empty();
        }
        TicketKey key = keys.current();
        byte[] name = key.name();
        byte[] nonce = new byte[NONCE];
        crypto.random().nextBytes(nonce);
        byte[] ticket = new byte[OVERHEAD + state.length];
        System.arraycopy(name, 0, ticket, 0, NAME);
        System.arraycopy(nonce, 0, ticket, NAME, NONCE);
        System.arraycopy(state, 0, ticket, NAME + NONCE, state.length);
        // Capacity for the tag after the plaintext, as Aead.seal requires.
        ByteBuffer body = ByteBuffer.wrap(ticket, NAME + NONCE, state.length + TAG).slice();
        body.limit(state.length);
        PrimitivePool<Aead> pool = ciphers.of(key);
        Aead aead = pool.take();
        int sealed = aead.seal(nonce, name, body);
        pool.give(aead);
        if (sealed != state.length + TAG) {
            throw new IllegalStateException("AEAD returned an unexpected length");
        }
        Arrays.fill(state, (byte) 0);
        return Optional.of(ticket);
    }

    /**
     * Opens a ticket: the session and whether to renew it (it was sealed under a retired key), or null
     * if the key name is unknown or no longer accepted, the tag does not verify, the content is
     * malformed, the session has expired or has been {@linkplain #revoke revoked}. Never throws for
     * any input.
     */
    public Opened open(byte[] ticket) {
        if (ticket == null || ticket.length < OVERHEAD || ticket.length > MAX_TICKET_LENGTH) {
            return null;
        }
        TicketKey key = keys.find(ticket);
        if (key == null) {
            return null;
        }
        byte[] name = key.name();
        byte[] nonce = Arrays.copyOfRange(ticket, NAME, NAME + NONCE);
        byte[] body = Arrays.copyOfRange(ticket, NAME + NONCE, ticket.length);
        ByteBuffer buf = ByteBuffer.wrap(body);
        PrimitivePool<Aead> pool = ciphers.of(key);
        Aead aead = pool.take();
        boolean authentic = aead.open(nonce, name, buf);
        pool.give(aead);
        if (!authentic) {
            return null;
        }
        Session session;
        try {
            session = TlsReader.readAll(Arrays.copyOfRange(body, buf.position(), buf.limit()),
                    "ticket", Session::decode);
        } catch (TlsAlertException e) {
            // Authentic but undecodable: sealed by a different format version of jtls.
            return null;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
        if (!session.isResumable() || !session.isValidAt(clock.instant()) || isRevoked(session)) {
            return null;
        }
        return new Opened(session, !keys.isCurrent(key));
    }

    /** How many keys have ciphers kept (for tests that a retired key's cipher is let go). */
    int cipherKeyCount() {
        return ciphers.keyCount();
    }
}
