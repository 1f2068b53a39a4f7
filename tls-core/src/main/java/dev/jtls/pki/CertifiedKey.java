package dev.jtls.pki;

import dev.jtls.crypto.NistCurve;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain (leaf first) and the private key of its leaf: what a server presents, or a
 * client answering a CertificateRequest. Made once from a KeyStore, a KeyManager or PEM files.
 */
public final class CertifiedKey {
    /** The kinds of key jtls can sign with. */
    public enum KeyType {
        RSA, EC_P256, EC_P384, EC_P521, ED25519;

        /** The suite authentication this key serves (RFC 8422 §3: Ed25519 goes with ECDHE_ECDSA suites). */
        public CipherSuite.Authentication authentication() {
            return this == RSA ? CipherSuite.Authentication.RSA : CipherSuite.Authentication.ECDSA;
        }

        /**
         * The schemes this key can produce, in jtls's order of preference. RFC 5246 §7.4.1.4.1 and
         * RFC 8422 §5.1.3, §6: in TLS 1.2 the ECDSA code points 0x0403/0x0503/0x0603 mean
         * (SHA-256/384/512, ECDSA) with no curve, so an EC key makes all three, the hash that
         * matches its curve first (tlsfuzzer test-ecdsa-sig-flexibility.py: P-256 with SHA-384).
         */
        public List<SignatureScheme> signatureSchemes() {
            switch (this) {
                case RSA:
                    return List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                            SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256,
                            SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);
                case EC_P256:
                    return List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                            SignatureScheme.ECDSA_SECP521R1_SHA512);
                case EC_P384:
                    return List.of(SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP256R1_SHA256,
                            SignatureScheme.ECDSA_SECP521R1_SHA512);
                case EC_P521:
                    return List.of(SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ECDSA_SECP384R1_SHA384,
                            SignatureScheme.ECDSA_SECP256R1_SHA256);
                case ED25519:
                    return List.of(SignatureScheme.ED25519);
                default:
                    throw new AssertionError(this);
            }
        }

        /** The type of a public or private key, or null if jtls cannot use it. */
        public static KeyType of(java.security.Key key) {
            if (key instanceof RSAKey && "RSA".equals(key.getAlgorithm())) {
                return RSA;
            }
            if (key instanceof ECKey) {
                java.security.spec.ECParameterSpec params = ((ECKey) key).getParams();
                if (NistCurve.SECP256R1.matches(params)) {
                    return EC_P256;
                }
                if (NistCurve.SECP384R1.matches(params)) {
                    return EC_P384;
                }
                if (NistCurve.SECP521R1.matches(params)) {
                    return EC_P521;
                }
                return null;
            }
            if (key instanceof EdECKey && "Ed25519".equalsIgnoreCase(((EdECKey) key).getParams().getName())) {
                return ED25519;
            }
            return null;
        }
    }

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final KeyType keyType;
    private final List<byte[]> encodedChain;
    private final byte[] ocspResponse;

    /**
     * @throws IllegalArgumentException if the chain is empty, the key is of a kind jtls cannot sign
     *                                  with, or the leaf's public key is of another kind
     */
    public CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a certified key needs at least the leaf certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.keyType = KeyType.of(privateKey);
        if (keyType == null) {
            throw new IllegalArgumentException("unsupported private key: " + privateKey.getAlgorithm()
                    + " (jtls signs with RSA, ECDSA P-256/384/521 and Ed25519)");
        }
        PublicKey leafKey = this.chain.get(0).getPublicKey();
        if (KeyType.of(leafKey) != keyType) {
            throw new IllegalArgumentException("the leaf certificate's key (" + leafKey.getAlgorithm()
                    + ") is not of the private key's type " + keyType);
        }
        List<byte[]> encoded = new ArrayList<>(this.chain.size());
        for (X509Certificate c : this.chain) {
            try {
                encoded.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded: " + c.getSubjectX500Principal(), e);
            }
        }
        this.encodedChain = List.copyOf(encoded);
        this.ocspResponse = null;
    }

    private CertifiedKey(CertifiedKey base, byte[] ocspResponse) {
        this.chain = base.chain;
        this.privateKey = base.privateKey;
        this.keyType = base.keyType;
        this.encodedChain = base.encodedChain;
        this.ocspResponse = ocspResponse;
    }

    /**
     * This key with a DER OCSPResponse for its leaf, which a server staples in CertificateStatus
     * when the client asks (RFC 6066 §8); null for none. jtls does not fetch or check it: the
     * application refreshes it (a response is typically valid for days) by building a new config.
     *
     * @throws IllegalArgumentException if it is empty or longer than CertificateStatus can carry
     */
    public CertifiedKey withOcspResponse(byte[] response) {
        if (response != null && (response.length == 0 || response.length > 0xffffff)) {
            throw new IllegalArgumentException("an OCSP response must be 1 to 2^24-1 bytes (RFC 6066 §8)");
        }
        return new CertifiedKey(this, response == null ? null : response.clone());
    }

    /** The OCSP response to staple, or null. Do not modify the array. */
    public byte[] ocspResponse() {
        return ocspResponse;
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The chain as DER, leaf first, as the Certificate message carries it. Do not modify the arrays. */
    public List<byte[]> encodedChain() {
        return encodedChain;
    }

    @Override
    public String toString() {
        // Never the key itself.
        return "CertifiedKey[" + keyType + ", " + leaf().getSubjectX500Principal().getName() + ", chain of "
                + chain.size() + "]";
    }
}
