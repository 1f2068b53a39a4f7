package dev.jtls.crypto;

import java.util.Arrays;

/**
 * EMSA-PKCS1-v1_5 (RFC 8017 §9.2), shared by the backends that check the encoded message
 * themselves. Verification re-encodes and compares the whole block (RFC 8017 §8.2.2 step 3-4)
 * rather than parsing it, so a DigestInfo without the NULL parameter, with BER lengths or with
 * garbage is simply a different block and fails. RFC 8017 §9.2 note 1 requires the NULL.
 */
public final class Pkcs1DigestInfo {
    // RFC 8017 §9.2 note 1: DER of DigestInfo up to the digest, with AlgorithmIdentifier parameters NULL.
    private static final byte[] SHA256 = hexBytes("3031300d060960864801650304020105000420");
    private static final byte[] SHA384 = hexBytes("3041300d060960864801650304020205000430");
    private static final byte[] SHA512 = hexBytes("3051300d060960864801650304020305000440");

    private Pkcs1DigestInfo() {
    }

    /** The DigestInfo prefix T minus the digest for a SHA-2 hash. */
    static byte[] prefix(HashAlgorithm hash) {
        switch (hash) {
            case SHA256:
                return SHA256;
            case SHA384:
                return SHA384;
            case SHA512:
                return SHA512;
            default:
                throw new IllegalArgumentException("no PKCS#1 signature scheme with " + hash);
        }
    }

    /** EM = 0x00 || 0x01 || PS (0xff...) || 0x00 || T, of length k (RFC 8017 §9.2 steps 2-5). */
    public static byte[] encode(HashAlgorithm hash, byte[] digest, int k) {
        byte[] prefix = prefix(hash);
        int tLen = prefix.length + digest.length;
        if (k < tLen + 11) {
            throw new IllegalArgumentException("intended encoded message length too short");
        }
        byte[] em = new byte[k];
        em[1] = 0x01;
        Arrays.fill(em, 2, k - tLen - 1, (byte) 0xff);
        System.arraycopy(prefix, 0, em, k - tLen, prefix.length);
        System.arraycopy(digest, 0, em, k - digest.length, digest.length);
        return em;
    }

    private static byte[] hexBytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
