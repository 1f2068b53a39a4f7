package dev.jtls.crypto;

/** The hash functions TLS 1.2 uses: PRF, HMAC for CBC suites, signatures, transcript. */
public enum HashAlgorithm {
    SHA1("SHA-1", 20, 64),
    SHA256("SHA-256", 32, 64),
    SHA384("SHA-384", 48, 128),
    SHA512("SHA-512", 64, 128);

    private final String jcaName;
    private final int outputLength;
    private final int blockLength;

    HashAlgorithm(String jcaName, int outputLength, int blockLength) {
        this.jcaName = jcaName;
        this.outputLength = outputLength;
        this.blockLength = blockLength;
    }

    /** The JCA standard name, e.g. "SHA-256". */
    public String jcaName() {
        return jcaName;
    }

    /** Digest size in bytes. */
    public int outputLength() {
        return outputLength;
    }

    /** Compression-function block size in bytes (what HMAC pads the key to). */
    public int blockLength() {
        return blockLength;
    }
}
