package dev.jtls.crypto.jca;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes and HMAC from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign).
 *
 * <p>A handshake makes a dozen digests and HMACs (transcript, PRF, Finished); {@code getInstance}
 * walks the provider list and the provider's service table each time, which JFR showed as a few
 * percent of a resumed handshake. So one unkeyed prototype per algorithm is made once and each new
 * object is a {@code clone()} of it (the JDK's SHA-2 digests and HMACs are Cloneable; an engine
 * that is not falls back to {@code getInstance}). The prototypes are never updated or keyed, so
 * cloning them from many threads at once is safe: {@code Mac.clone} chooses the provider under
 * the Mac's own lock.
 */
final class JcaHashes implements Backend.Hashes {
    static final JcaHashes INSTANCE = new JcaHashes();

    private static final Map<HashAlgorithm, MessageDigest> DIGESTS = new EnumMap<>(HashAlgorithm.class);
    private static final Map<HashAlgorithm, Mac> MACS = new EnumMap<>(HashAlgorithm.class);

    static {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            try {
                DIGESTS.put(algorithm, MessageDigest.getInstance(algorithm.jcaName()));
            } catch (NoSuchAlgorithmException e) {
                // Reported when asked for (newDigest).
            }
            try {
                MACS.put(algorithm, Mac.getInstance(macName(algorithm)));
            } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
                // Reported when asked for (newHmac).
            }
        }
    }

    private JcaHashes() {
    }

    @Override
    public Digest newDigest(HashAlgorithm algorithm) {
        MessageDigest prototype = DIGESTS.get(algorithm);
        if (prototype != null) {
            try {
                return new JcaDigest(algorithm, (MessageDigest) prototype.clone());
            } catch (CloneNotSupportedException e) {
                // Not every provider's digest clones; look one up instead.
            }
        }
        try {
            return new JcaDigest(algorithm, MessageDigest.getInstance(algorithm.jcaName()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.jcaName(), e);
        }
    }

    private static Mac newMac(HashAlgorithm algorithm, String name) throws NoSuchAlgorithmException {
        Mac prototype = MACS.get(algorithm);
        if (prototype != null) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // Not every provider's MAC clones; look one up instead.
            }
        }
        return Mac.getInstance(name);
    }

    @Override
    public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
        String name = macName(algorithm);
        // SecretKeySpec refuses an empty key. RFC 2104 §2 pads the key with zeros to the block
        // length, so an empty key and a block of zeros give the same MAC.
        byte[] k = key.length == 0 ? new byte[algorithm.blockLength()] : key;
        try {
            Mac mac = newMac(algorithm, name);
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
