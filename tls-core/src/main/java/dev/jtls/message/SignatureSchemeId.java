package dev.jtls.message;

import dev.jtls.crypto.SignatureScheme;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5246 §7.4.1.4.1 SignatureAndHashAlgorithm {hash, signature}, read as one uint16 the way
 * RFC 8446 §4.2.3 names them (0x0401 = rsa_pkcs1_sha256, ...): an open value type.
 */
public record SignatureSchemeId(int code) {
    public static final SignatureSchemeId RSA_PKCS1_SHA1 = new SignatureSchemeId(0x0201);
    public static final SignatureSchemeId ECDSA_SHA1 = new SignatureSchemeId(0x0203);
    public static final SignatureSchemeId RSA_PKCS1_SHA256 = new SignatureSchemeId(0x0401);
    public static final SignatureSchemeId ECDSA_SECP256R1_SHA256 = new SignatureSchemeId(0x0403);
    public static final SignatureSchemeId RSA_PKCS1_SHA384 = new SignatureSchemeId(0x0501);
    public static final SignatureSchemeId ECDSA_SECP384R1_SHA384 = new SignatureSchemeId(0x0503);
    public static final SignatureSchemeId RSA_PKCS1_SHA512 = new SignatureSchemeId(0x0601);
    public static final SignatureSchemeId ECDSA_SECP521R1_SHA512 = new SignatureSchemeId(0x0603);
    public static final SignatureSchemeId RSA_PSS_RSAE_SHA256 = new SignatureSchemeId(0x0804);
    public static final SignatureSchemeId RSA_PSS_RSAE_SHA384 = new SignatureSchemeId(0x0805);
    public static final SignatureSchemeId RSA_PSS_RSAE_SHA512 = new SignatureSchemeId(0x0806);
    public static final SignatureSchemeId ED25519 = new SignatureSchemeId(0x0807);
    public static final SignatureSchemeId ED448 = new SignatureSchemeId(0x0808);

    public SignatureSchemeId {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("SignatureScheme out of range: " + code);
        }
    }

    public static SignatureSchemeId of(int code) {
        return new SignatureSchemeId(code);
    }

    public static SignatureSchemeId of(SignatureScheme s) {
        return new SignatureSchemeId(s.code());
    }

    public static SignatureSchemeId decode(TlsReader r) {
        return new SignatureSchemeId(r.uint16("signature_and_hash_algorithm"));
    }

    public void encode(TlsWriter w) {
        w.uint16(code);
    }

    /** RFC 5246 §7.4.1.4.1 HashAlgorithm byte. */
    public int hashByte() {
        return code >>> 8;
    }

    /** RFC 5246 §7.4.1.4.1 SignatureAlgorithm byte. */
    public int signatureByte() {
        return code & 0xff;
    }

    /** The crypto layer's scheme, or null if jtls does not support this one. */
    public SignatureScheme supported() {
        return SignatureScheme.fromCode(code);
    }

    public String name() {
        switch (code) {
            case 0x0201: return "rsa_pkcs1_sha1";
            case 0x0202: return "dsa_sha1";
            case 0x0203: return "ecdsa_sha1";
            case 0x0301: return "rsa_pkcs1_sha224";
            case 0x0303: return "ecdsa_sha224";
            case 0x0401: return "rsa_pkcs1_sha256";
            case 0x0403: return "ecdsa_secp256r1_sha256";
            case 0x0501: return "rsa_pkcs1_sha384";
            case 0x0503: return "ecdsa_secp384r1_sha384";
            case 0x0601: return "rsa_pkcs1_sha512";
            case 0x0603: return "ecdsa_secp521r1_sha512";
            case 0x0804: return "rsa_pss_rsae_sha256";
            case 0x0805: return "rsa_pss_rsae_sha384";
            case 0x0806: return "rsa_pss_rsae_sha512";
            case 0x0807: return "ed25519";
            case 0x0808: return "ed448";
            case 0x0809: return "rsa_pss_pss_sha256";
            case 0x080a: return "rsa_pss_pss_sha384";
            case 0x080b: return "rsa_pss_pss_sha512";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : String.format("sigalg(0x%04x)", code);
    }
}
