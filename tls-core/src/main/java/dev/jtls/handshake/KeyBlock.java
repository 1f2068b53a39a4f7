package dev.jtls.handshake;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.record.AeadProtection;
import dev.jtls.record.CbcProtection;
import dev.jtls.record.RecordProtection;
import dev.jtls.suite.CipherSuite;
import java.util.Arrays;

/**
 * The key block of RFC 5246 §6.3, split in its order: client_write_MAC_key, server_write_MAC_key,
 * client_write_key, server_write_key, client_write_IV, server_write_IV, with the lengths of the
 * suite's {@link CipherSuite.Protection} (MAC keys empty for AEAD; the IVs are the AES-GCM salt of
 * RFC 5288 §3 or the ChaCha20-Poly1305 IV of RFC 7905 §2, empty for CBC, whose IVs are explicit).
 *
 * <p>Make with {@link MasterSecret#keyBlock}; turn into record protections with
 * {@link #protections}; {@link #destroy()} when done. The accessors return copies, for tests.
 * {@link #toString()} prints no secret. Not thread-safe.
 */
public final class KeyBlock {
    private final CryptoProvider provider;
    private final CipherSuite suite;
    private final byte[] block;
    private boolean destroyed;

    KeyBlock(CryptoProvider provider, CipherSuite suite, byte[] block) {
        if (block.length != suite.keyBlockLength()) {
            throw new IllegalArgumentException("key block length does not fit " + suite);
        }
        this.provider = provider;
        this.suite = suite;
        this.block = block;
    }

    /** The read and write protections of one end. */
    public record Protections(RecordProtection read, RecordProtection write) {
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Key block length (RFC 5246 §6.3), for tests. */
    public int length() {
        return block.length;
    }

    public byte[] macKey(Side writer) {
        int n = suite.protection().macKeyLength();
        return slice(writer == Side.CLIENT ? 0 : n, n);
    }

    public byte[] encryptionKey(Side writer) {
        CipherSuite.Protection p = suite.protection();
        int base = 2 * p.macKeyLength();
        return slice(base + (writer == Side.CLIENT ? 0 : p.keyLength()), p.keyLength());
    }

    public byte[] fixedIv(Side writer) {
        CipherSuite.Protection p = suite.protection();
        int base = 2 * (p.macKeyLength() + p.keyLength());
        return slice(base + (writer == Side.CLIENT ? 0 : p.fixedIvLength()), p.fixedIvLength());
    }

    /**
     * The protection of the records {@code writer} sends: its write state, and its peer's read state.
     *
     * @param encryptThenMac RFC 7366 negotiated; ignored for AEAD suites
     */
    public RecordProtection protection(Side writer, boolean encryptThenMac) {
        requireLive();
        byte[] key = encryptionKey(writer);
        byte[] iv = fixedIv(writer);
        byte[] macKey = macKey(writer);
        try {
            CipherSuite.Protection p = suite.protection();
            if (p instanceof CipherSuite.Aead) {
                AeadAlgorithm alg = ((CipherSuite.Aead) p).algorithm();
                if (alg == AeadAlgorithm.CHACHA20_POLY1305) {
                    // RFC 7905 §2: the 12-byte client/server_write_IV, XORed with the sequence number.
                    return AeadProtection.chacha20Poly1305(provider.newAead(alg, key), iv);
                }
                // RFC 5288 §3: the 4-byte salt; the other 8 nonce bytes are explicit per record.
                return AeadProtection.aesGcm(provider.newAead(alg, key), iv);
            }
            CipherSuite.Cbc cbc = (CipherSuite.Cbc) p;
            return new CbcProtection(provider.newCbc(cbc.algorithm(), key), provider.newHmac(cbc.mac(), macKey),
                    encryptThenMac, provider.random());
        } finally {
            MasterSecret.zero(key);
            MasterSecret.zero(iv);
            MasterSecret.zero(macKey);
        }
    }

    /** One end's read (the peer's write keys) and write (its own keys) protections. */
    public Protections protections(Side self, boolean encryptThenMac) {
        return new Protections(protection(self.peer(), encryptThenMac), protection(self, encryptThenMac));
    }

    /** Zeroes the key block; every later use throws {@link IllegalStateException}. */
    public void destroy() {
        Arrays.fill(block, (byte) 0);
        destroyed = true;
    }

    private byte[] slice(int from, int length) {
        requireLive();
        return Arrays.copyOfRange(block, from, from + length);
    }

    private void requireLive() {
        if (destroyed) {
            throw new IllegalStateException("key block destroyed");
        }
    }

    @Override
    public String toString() {
        return "KeyBlock[" + suite + ", " + block.length + " bytes" + (destroyed ? ", destroyed" : "") + "]";
    }
}
