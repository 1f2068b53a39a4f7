package dev.jtls.crypto.jca;

import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashes and HMAC from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
final class JcaHashes {
    private JcaHashes() {
    }

    static Digest newDigest(HashAlgorithm algorithm) {
        try {
            return new JcaDigest(algorithm, MessageDigest.getInstance(algorithm.jcaName()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.jcaName(), e);
        }
    }

    static Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        String name = macName(algorithm);
        // SecretKeySpec refuses an empty key. RFC 2104 §2 pads the key with zeros to the block
        // length, so an empty key and a block of zeros give the same MAC.
        byte[] k = key.length == 0 ? new byte[algorithm.blockLength()] : key;
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(k, name));
            return new JcaHmac(algorithm, mac);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK cannot make " + name, e);
        }
    }

    private static String macName(HashAlgorithm algorithm) {
        switch (algorithm) {
            case SHA1:
                return "HmacSHA1";
            case SHA256:
                return "HmacSHA256";
            case SHA384:
                return "HmacSHA384";
            case SHA512:
                return "HmacSHA512";
            default:
                throw new IllegalArgumentException("unsupported hash " + algorithm);
        }
    }
}
