package dev.jtls.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The backend-neutral half of RSA premaster decryption with implicit rejection (RFC 5246
 * §7.4.7.1): the constant-time check of the raw RSA block and the synthetic premaster that
 * replaces a bad one. Both backends do only the raw RSA operation and hand the block here, so
 * they give the same synthetic value for the same key and ciphertext.
 *
 * <p>The synthetic value is modelled on the "implicit rejection" of draft-kario-rsa-guidance (the
 * Marvin-attack lesson); it needs no interoperability, only to be deterministic per key and
 * ciphertext and unpredictable without the key: KDK = HMAC-SHA256(key = SHA-256(I2OSP(d, k)), message = ciphertext),
 * then IRPRF(KDK, "message", 384) = HMAC-SHA256(KDK, I2OSP(i, 2) || "message" || I2OSP(384, 2))
 * for i = 0, 1, truncated to 48 bytes. Its first two bytes are then replaced by client_version,
 * as RFC 5246 §7.4.7.1 builds its random premaster (client_version + 46 random bytes), so a
 * version mismatch alone is not visible in the resulting premaster.
 *
 * <p>HMAC/SHA-256 come from Bouncy Castle's lightweight API here for both backends: the value must
 * not depend on the backend, and this needs no provider lookup and throws nothing checked.
 */
public final class ImplicitRejection {
    /** RFC 5246 §7.4.7.1: PreMasterSecret is client_version (2 bytes) + random (46 bytes). */
    public static final int PREMASTER_LENGTH = 48;

    /** RFC 8017 §7.2.2: 0x00 0x02, at least 8 bytes of PS, 0x00, then the 48-byte message. */
    private static final int MIN_BLOCK_LENGTH = 2 + 8 + 1 + PREMASTER_LENGTH;

    private static final byte[] LABEL = "message".getBytes(StandardCharsets.US_ASCII);
    private static final int OUTPUT_BITS = PREMASTER_LENGTH * 8;

    private ImplicitRejection() {
    }

    /** The RSA modulus length in bytes, k in RFC 8017. */
    public static int modulusLength(BigInteger modulus) {
        return (modulus.bitLength() + 7) / 8;
    }

    /**
     * The per-key secret the synthetic premaster is keyed with: SHA-256 of the private exponent as
     * a k-byte big-endian string (draft-kario-rsa-guidance, "KDK" key). Computed once per key.
     */
    public static byte[] derivationKey(RSAPrivateKey key) {
        BigInteger d = key.getPrivateExponent();
        if (d == null) {
            throw new IllegalArgumentException("RSA private key without an accessible private exponent");
        }
        int k = modulusLength(key.getModulus());
        byte[] dBytes = toFixedLength(d, k);
        Digest sha256 = new SHA256Digest();
        sha256.update(dBytes, 0, dBytes.length);
        byte[] out = new byte[sha256.getDigestSize()];
        sha256.doFinal(out, 0);
        Arrays.fill(dBytes, (byte) 0);
        return out;
    }

    /** The modulus as k big-endian bytes, for {@link #isCiphertextInRange}. */
    public static byte[] modulusBytes(BigInteger modulus) {
        return toFixedLength(modulus, modulusLength(modulus));
    }

    /**
     * True if the ciphertext is exactly k bytes and, as an integer, less than n (RFC 8017 §7.2.2
     * step 1 and RSADP step 1). Both facts are public (the attacker knows n and what it sent), so
     * callers may branch on the answer.
     */
    public static boolean isCiphertextInRange(byte[] ciphertext, byte[] modulusBytes) {
        return ciphertext.length == modulusBytes.length && Arrays.compareUnsigned(ciphertext, modulusBytes) < 0;
    }

    /**
     * The synthetic premaster for this ciphertext: deterministic, unpredictable without the key,
     * and carrying client_version in its first two bytes. Defined for a ciphertext of any length.
     */
    public static byte[] syntheticPremaster(byte[] derivationKey, byte[] ciphertext, int clientVersion) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(derivationKey));
        byte[] kdk = new byte[hmac.getMacSize()];
        hmac.update(ciphertext, 0, ciphertext.length);
        hmac.doFinal(kdk, 0);

        // IRPRF(KDK, "message", 384): two HMAC blocks, counters 0 and 1.
        hmac.init(new KeyParameter(kdk));
        byte[] stream = new byte[2 * hmac.getMacSize()];
        for (int i = 0; i < 2; i++) {
            hmac.update((byte) (i >>> 8));
            hmac.update((byte) i);
            hmac.update(LABEL, 0, LABEL.length);
            hmac.update((byte) (OUTPUT_BITS >>> 8));
            hmac.update((byte) OUTPUT_BITS);
            hmac.doFinal(stream, i * hmac.getMacSize());
        }
        byte[] out = Arrays.copyOf(stream, PREMASTER_LENGTH);
        Arrays.fill(stream, (byte) 0);
        Arrays.fill(kdk, (byte) 0);
        // RFC 5246 §7.4.7.1: the random premaster starts with ClientHello.client_version.
        out[0] = (byte) (clientVersion >>> 8);
        out[1] = (byte) clientVersion;
        return out;
    }

    /**
     * Checks the raw RSA block {@code em} (m = c^d mod n as k bytes) and returns its 48-byte
     * message if {@code em} is 0x00 0x02 PS 0x00 M with PS all non-zero, |M| = 48 and M starting
     * with client_version; otherwise {@code synthetic}. No branch and no early return depends on
     * the contents of {@code em}: the loop bounds depend only on k, and the choice is made byte by
     * byte with masks. {@code em} is wiped before returning.
     */
    public static byte[] select(byte[] em, int clientVersion, byte[] synthetic) {
        int k = em.length;
        byte[] out = new byte[PREMASTER_LENGTH];
        if (k < MIN_BLOCK_LENGTH) {
            // k is public: such a key cannot carry a 48-byte premaster at all.
            System.arraycopy(synthetic, 0, out, 0, PREMASTER_LENGTH);
            Arrays.fill(em, (byte) 0);
            return out;
        }
        int separator = k - PREMASTER_LENGTH - 1;
        // bad accumulates non-zero bits for every defect; it is never inspected by a branch.
        int bad = (em[0] & 0xff) | ((em[1] & 0xff) ^ 0x02);
        // RFC 8017 §7.2.2 step 3: PS is every byte between the block type and the separator; a
        // zero in it would end PS early, i.e. a message longer than 48 bytes.
        for (int i = 2; i < separator; i++) {
            bad |= zeroMask(em[i]);
        }
        bad |= em[separator] & 0xff;
        // RFC 5246 §7.4.7.1: the premaster's first two bytes must be ClientHello.client_version.
        bad |= (em[separator + 1] & 0xff) ^ ((clientVersion >>> 8) & 0xff);
        bad |= (em[separator + 2] & 0xff) ^ (clientVersion & 0xff);
        int good = ~nonZeroMask(bad);
        for (int i = 0; i < PREMASTER_LENGTH; i++) {
            out[i] = (byte) ((em[separator + 1 + i] & good) | (synthetic[i] & ~good));
        }
        Arrays.fill(em, (byte) 0);
        return out;
    }

    /** -1 if b == 0, else 0, without a branch. */
    private static int zeroMask(byte b) {
        return ((b & 0xff) - 1) >> 31;
    }

    /** -1 if x != 0, else 0, without a branch (x is never Integer.MIN_VALUE alone here). */
    private static int nonZeroMask(int x) {
        return (x | -x) >> 31;
    }

    /** I2OSP(x, len) (RFC 8017 §4.1); x < 256^len. */
    private static byte[] toFixedLength(BigInteger x, int len) {
        byte[] raw = x.toByteArray();
        if (raw.length == len) {
            return raw;
        }
        byte[] out = new byte[len];
        if (raw.length > len) {
            // A leading sign byte.
            System.arraycopy(raw, raw.length - len, out, 0, len);
        } else {
            System.arraycopy(raw, 0, out, len - raw.length, raw.length);
        }
        Arrays.fill(raw, (byte) 0);
        return out;
    }
}
