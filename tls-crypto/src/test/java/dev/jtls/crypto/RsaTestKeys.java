package dev.jtls.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RSA keys made once per test JVM with the JDK's generator, and test-side RSA helpers. */
final class RsaTestKeys {
    private static final Map<Integer, KeyPair> KEYS = new HashMap<>();

    private RsaTestKeys() {
    }

    static synchronized KeyPair of(int bits) {
        return KEYS.computeIfAbsent(bits, b -> {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(b, new SecureRandom());
                return gen.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static int k(RSAPublicKey key) {
        return (key.getModulus().bitLength() + 7) / 8;
    }

    /** Raw RSAEP (RFC 8017 §5.1.1) of a k-byte block: lets a test encrypt any padding, good or bad. */
    static byte[] rawEncrypt(RSAPublicKey key, byte[] block) {
        BigInteger m = new BigInteger(1, block);
        return i2osp(m.modPow(key.getPublicExponent(), key.getModulus()), k(key));
    }

    static byte[] i2osp(BigInteger x, int len) {
        byte[] raw = x.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, len - n, n);
        return out;
    }

    /**
     * A second, independent computation of the synthetic premaster with the JDK's own SHA-256 and
     * HMAC, from the description in ImplicitRejection's javadoc (draft-kario-rsa-guidance KDK and
     * IRPRF with label "message", 384 bits), so the tests check the derivation, not just agreement.
     */
    static byte[] expectedSynthetic(RSAPrivateKey key, byte[] ciphertext, int clientVersion) {
        try {
            int k = (key.getModulus().bitLength() + 7) / 8;
            byte[] dh = MessageDigest.getInstance("SHA-256").digest(i2osp(key.getPrivateExponent(), k));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dh, "HmacSHA256"));
            byte[] kdk = mac.doFinal(ciphertext);
            mac.init(new SecretKeySpec(kdk, "HmacSHA256"));
            byte[] out = new byte[64];
            for (int i = 0; i < 2; i++) {
                mac.update(new byte[] {0, (byte) i});
                mac.update("message".getBytes(StandardCharsets.US_ASCII));
                mac.update(new byte[] {0x01, (byte) 0x80}); // 384 bits
                System.arraycopy(mac.doFinal(), 0, out, 32 * i, 32);
            }
            out[0] = (byte) (clientVersion >>> 8);
            out[1] = (byte) clientVersion;
            return Arrays.copyOf(out, 48);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
