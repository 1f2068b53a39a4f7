package dev.jtls.crypto;

import java.util.Arrays;

/**
 * HKDF (RFC 5869) over the provider's HMAC: {@link #extract} a pseudorandom key from input keying
 * material, then {@link #expand} it into as many bytes as wanted for each purpose named by its info.
 */
public final class Hkdf {
    private Hkdf() {
    }

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an empty salt stands for HashLen zero bytes. */
    public static byte[] extract(CryptoProvider provider, HashAlgorithm hash, byte[] salt, byte[] ikm) {
        byte[] key = salt.length == 0 ? new byte[hash.outputLength()] : salt;
        Hmac hmac = provider.newHmac(hash, key);
        hmac.update(ikm);
        return hmac.doFinal();
    }

    /**
     * RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), the first {@code length} bytes of
     * T(1) | T(2) | ...
     *
     * @throws IllegalArgumentException if {@code length} exceeds 255 * HashLen
     */
    public static byte[] expand(CryptoProvider provider, HashAlgorithm hash, byte[] prk, byte[] info, int length) {
        int hashLength = hash.outputLength();
        if (length < 0 || length > 255 * hashLength) {
            throw new IllegalArgumentException("HKDF output length must be 0.." + 255 * hashLength + ", not " + length);
        }
        Hmac hmac = provider.newHmac(hash, prk);
        byte[] out = new byte[length];
        byte[] t = new byte[hashLength];
        for (int i = 1, done = 0; done < length; i++, done += hashLength) {
            if (i > 1) {
                hmac.update(t);
            }
            hmac.update(info);
            hmac.update(new byte[] {(byte) i});
            hmac.doFinal(t, 0);
            System.arraycopy(t, 0, out, done, Math.min(hashLength, length - done));
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }
}
