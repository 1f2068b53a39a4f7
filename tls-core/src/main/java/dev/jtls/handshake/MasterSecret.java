package dev.jtls.handshake;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.suite.CipherSuite;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 48-byte master secret of a TLS 1.2 session (RFC 5246 §8.1), bound to the PRF hash of its
 * suite. Everything else is derived from it: the key block ({@link #keyBlock}), the Finished
 * verify_data ({@link #verifyData}, {@link #verifyFinished}) and the key log line
 * ({@link #logTo}). The bytes never leave this class except to a {@link KeyLog} the user configured
 * and to the session cache ({@link #copyForSession}); {@link #toString()} prints no secret.
 * Not thread-safe.
 */
public final class MasterSecret {
    /** RFC 5246 §8.1: master_secret is always 48 bytes. */
    public static final int LENGTH = 48;
    /** RFC 5246 §7.4.1.2: Random is 32 bytes (gmt_unix_time + 28 random bytes). */
    public static final int RANDOM_LENGTH = 32;
    /** RFC 5246 §7.4.9: verify_data_length is 12 for every TLS 1.2 suite jtls has. */
    public static final int VERIFY_DATA_LENGTH = 12;

    private final CryptoProvider provider;
    private final CipherSuite suite;
    private final boolean extended;
    private final byte[] secret;
    private boolean destroyed;

    private MasterSecret(CryptoProvider provider, CipherSuite suite, boolean extended, byte[] secret) {
        this.provider = Objects.requireNonNull(provider);
        this.suite = Objects.requireNonNull(suite);
        this.extended = extended;
        this.secret = secret;
    }

    /**
     * RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret",
     * session_hash)[0..47], where session_hash is the transcript hash up to and including
     * ClientKeyExchange (RFC 7627 §3). The premaster is zeroed.
     */
    public static MasterSecret deriveExtended(CryptoProvider provider, CipherSuite suite, byte[] premaster,
                                              byte[] sessionHash) {
        if (sessionHash.length != suite.prfHash().outputLength()) {
            zero(premaster);
            throw new IllegalArgumentException("session hash is not a " + suite.prfHash() + " hash");
        }
        try {
            byte[] ms = provider.prf(suite.prfHash(), premaster, "extended master secret", sessionHash, LENGTH);
            return new MasterSecret(provider, suite, true, ms);
        } finally {
            zero(premaster);
        }
    }

    /**
     * RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret", ClientHello.random +
     * ServerHello.random)[0..47]. Only for peers without RFC 7627; such a session is never resumed.
     * The premaster is zeroed.
     */
    public static MasterSecret deriveLegacy(CryptoProvider provider, CipherSuite suite, byte[] premaster,
                                            byte[] clientRandom, byte[] serverRandom) {
        try {
            byte[] seed = concat(checkRandom(clientRandom), checkRandom(serverRandom));
            byte[] ms = provider.prf(suite.prfHash(), premaster, "master secret", seed, LENGTH);
            return new MasterSecret(provider, suite, false, ms);
        } finally {
            zero(premaster);
        }
    }

    /** A master secret taken back from a resumed session (RFC 5246 §7.3, abbreviated handshake). */
    public static MasterSecret fromSession(CryptoProvider provider, CipherSuite suite, boolean extended,
                                           byte[] secret) {
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("a master secret is 48 bytes");
        }
        return new MasterSecret(provider, suite, extended, secret.clone());
    }

    public CipherSuite suite() {
        return suite;
    }

    /** True if derived with RFC 7627's extended master secret (required for resumption). */
    public boolean extended() {
        return extended;
    }

    /** A copy of the secret for the session cache or a ticket; the caller owns (and should zero) it. */
    public byte[] copyForSession() {
        requireLive();
        return secret.clone();
    }

    /**
     * RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random),
     * as long as the suite needs.
     */
    public KeyBlock keyBlock(byte[] clientRandom, byte[] serverRandom) {
        requireLive();
        byte[] seed = concat(checkRandom(serverRandom), checkRandom(clientRandom));
        byte[] block = provider.prf(suite.prfHash(), secret, "key expansion", seed, suite.keyBlockLength());
        return new KeyBlock(provider, suite, block);
    }

    /**
     * RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))
     * [0..11], with "client finished" for the client's Finished and "server finished" for the server's.
     *
     * @param sender        whose Finished this is
     * @param handshakeHash {@link Transcript#hash()} over every message before this Finished
     */
    public byte[] verifyData(Side sender, byte[] handshakeHash) {
        requireLive();
        HashAlgorithm hash = suite.prfHash();
        if (handshakeHash.length != hash.outputLength()) {
            throw new IllegalArgumentException("handshake hash is not a " + hash + " hash");
        }
        String label = sender == Side.CLIENT ? "client finished" : "server finished";
        return provider.prf(hash, secret, label, handshakeHash, VERIFY_DATA_LENGTH);
    }

    /**
     * Checks the peer's Finished in constant time; see {@link FinishedVerified#verify}.
     *
     * @throws dev.jtls.record.TlsAlertException decrypt_error on a mismatch (RFC 5246 §7.4.9)
     */
    public FinishedVerified verifyFinished(Side sender, byte[] handshakeHash, byte[] receivedVerifyData) {
        return FinishedVerified.verify(this, sender, handshakeHash, receivedVerifyData);
    }

    /** Writes this session's NSS key log line (CLIENT_RANDOM) to the sink. */
    public void logTo(KeyLog keyLog, byte[] clientRandom) {
        requireLive();
        checkRandom(clientRandom);
        keyLog.logMasterSecret(clientRandom.clone(), secret.clone());
    }

    /** Zeroes the secret; every later use throws {@link IllegalStateException}. */
    public void destroy() {
        zero(secret);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private void requireLive() {
        if (destroyed) {
            throw new IllegalStateException("master secret destroyed");
        }
    }

    @Override
    public String toString() {
        return "MasterSecret[" + suite + (extended ? ", extended" : ", legacy") + (destroyed ? ", destroyed" : "") + "]";
    }

    static byte[] checkRandom(byte[] random) {
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("a hello random is 32 bytes");
        }
        return random;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void zero(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
