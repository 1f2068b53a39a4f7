package dev.jtls.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The TLS 1.2 pseudo-random function (RFC 5246 §5):
 * {@code PRF(secret, label, seed) = P_hash(secret, label + seed)} with
 * {@code P_hash = HMAC(secret, A(1) + seed') + HMAC(secret, A(2) + seed') + ...},
 * {@code A(0) = seed'}, {@code A(i) = HMAC(secret, A(i-1))}.
 */
public final class Prf {
    private Prf() {
    }

    public static byte[] compute(CryptoProvider provider, HashAlgorithm hash, byte[] secret, String label,
                                 byte[] seed, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative PRF output length");
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        Hmac hmac = provider.newHmac(hash, secret);
        int macLength = hmac.macLength();
        byte[] out = new byte[length];
        byte[] a = new byte[macLength];
        byte[] block = new byte[macLength];

        // A(1) = HMAC(secret, label + seed)
        hmac.update(labelBytes);
        hmac.update(seed);
        hmac.doFinal(a, 0);
        for (int done = 0; done < length; done += macLength) {
            // HMAC(secret, A(i) + label + seed)
            hmac.update(a);
            hmac.update(labelBytes);
            hmac.update(seed);
            hmac.doFinal(block, 0);
            System.arraycopy(block, 0, out, done, Math.min(macLength, length - done));
            // A(i+1) = HMAC(secret, A(i))
            hmac.update(a);
            hmac.doFinal(a, 0);
        }
        return out;
    }
}
