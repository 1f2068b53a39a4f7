package dev.jtls.pki;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ChainValidator} accepts: one immutable value, built with {@link #builder} or taken
 * from a named default. {@link #webPki()} is the CA/Browser Forum Baseline Requirements profile for
 * server authentication and the default; {@link #webPkiClient()} the same for client certificates.
 *
 * @param purpose             what the leaf is used for (serverAuth or clientAuth EKU)
 * @param ekuRule             how the leaf's extendedKeyUsage is judged
 * @param maxChainLength      the most certificates in a path, leaf and trust anchor included
 * @param maxWork             the most candidate issuers plus signature verifications one validation may
 *                            spend while building paths (a bound on attacker-controlled work)
 * @param clock               the time at which validity periods are checked
 * @param minRsaBits          the smallest RSA modulus accepted, in any certificate of the path
 * @param signatureAlgorithms the algorithms a certificate may be signed with (the anchor's own
 *                            self-signature is never checked, so a SHA-1 self-signed root is fine)
 * @param curves              the elliptic curves accepted for public keys
 */
public record ValidationPolicy(Purpose purpose, Profile profile, int maxIntermediates, int maxWork, Clock clock,
                               int minRsaBits, Set<CertificateSignatureAlgorithm> signatureAlgorithms,
                               Set<Curve> curves) {

    /** The extended key usage the leaf must carry (RFC 5280 §4.2.1.12). */
    public enum Purpose {
        SERVER_AUTH("1.3.6.1.5.5.7.3.1", "serverAuth"),
        CLIENT_AUTH("1.3.6.1.5.5.7.3.2", "clientAuth");

        private final String oid;
        private final String label;

        Purpose(String oid, String label) {
            this.oid = oid;
            this.label = label;
        }

        public String oid() {
            return oid;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which profile of rules a path must satisfy besides RFC 5280 §6.1 path validation. */
    public enum Profile {
        /**
         * The CA/Browser Forum Baseline Requirements on top of RFC 5280: the leaf must have
         * extendedKeyUsage listing the purpose (anyExtendedKeyUsage does not count and may not stand
         * beside it; the EKU is not critical); an intermediate with an EKU must list the purpose; trust
         * anchors must be well-formed CAs (critical basicConstraints, a subjectKeyIdentifier, an AKI that
         * is consistent with it, critical nameConstraints, an EKU that constrains the path); the leaf's
         * subject CN, if any, is one of its subjectAltName entries; a critical subjectAltName only with
         * an empty subject; RSA moduli a multiple of 8 bits; dNSName constraints without a leading dot.
         */
        WEB_PKI,
        /**
         * RFC 5280 only: no EKU means any purpose, otherwise the purpose or anyExtendedKeyUsage must
         * be listed (§4.2.1.12); a trust anchor is trusted as configured (§6.1.1 (d)): only its critical
         * extensions, its key and (when it issues) basicConstraints cA and keyCertSign are judged.
         */
        RFC_5280
    }

    /** Public-key curves (RFC 5480 named curves, RFC 8410). */
    public enum Curve { P256, P384, P521, ED25519 }

    /** As OpenSSL's default verify depth leaves room for, and more than any public CA hierarchy needs. */
    public static final int DEFAULT_MAX_INTERMEDIATES = 6;
    public static final int DEFAULT_MAX_WORK = 64;

    public ValidationPolicy {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(clock, "clock");
        if (maxIntermediates < 0 || maxWork < 1 || minRsaBits < 512) {
            throw new IllegalArgumentException("maxIntermediates must be >= 0, maxWork positive, minRsaBits >= 512");
        }
        signatureAlgorithms = Set.copyOf(signatureAlgorithms);
        curves = Set.copyOf(curves);
    }

    /** The CA/B Forum Baseline Requirements for server certificates, checked at the system clock. */
    public static ValidationPolicy webPki() {
        return builder().build();
    }

    /** As {@link #webPki()} for client certificates (clientAuth EKU). */
    public static ValidationPolicy webPkiClient() {
        return builder().purpose(Purpose.CLIENT_AUTH).build();
    }

    /**
     * Plain RFC 5280 for server certificates: the Web PKI's algorithm and key-size floors, but none of
     * the CA/B Forum's extra profile rules ({@link Profile#RFC_5280}).
     */
    public static ValidationPolicy rfc5280() {
        return builder().profile(Profile.RFC_5280).build();
    }

    /** Starts from {@link #webPki()}'s settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this policy's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.purpose = purpose;
        b.profile = profile;
        b.maxIntermediates = maxIntermediates;
        b.maxWork = maxWork;
        b.clock = clock;
        b.minRsaBits = minRsaBits;
        b.signatureAlgorithms(signatureAlgorithms);
        b.curves(curves);
        return b;
    }

    /** Whether the CA/B Forum rules apply ({@link Profile#WEB_PKI}). */
    public boolean isWebPki() {
        return profile == Profile.WEB_PKI;
    }

    public boolean allows(CertificateSignatureAlgorithm algorithm) {
        return signatureAlgorithms.contains(algorithm);
    }

    public static final class Builder {
        private Purpose purpose = Purpose.SERVER_AUTH;
        private Profile profile = Profile.WEB_PKI;
        private int maxIntermediates = DEFAULT_MAX_INTERMEDIATES;
        private int maxWork = DEFAULT_MAX_WORK;
        private Clock clock = Clock.systemUTC();
        private int minRsaBits = 2048;
        // CA/B Forum BR §7.1.3.2: SHA-256/384/512 with RSA PKCS#1 v1.5 or PSS, ECDSA; no MD5, no SHA-1.
        private Set<CertificateSignatureAlgorithm> signatureAlgorithms = EnumSet.of(
                CertificateSignatureAlgorithm.RSA_PKCS1_SHA256, CertificateSignatureAlgorithm.RSA_PKCS1_SHA384,
                CertificateSignatureAlgorithm.RSA_PKCS1_SHA512, CertificateSignatureAlgorithm.RSA_PSS_SHA256,
                CertificateSignatureAlgorithm.RSA_PSS_SHA384, CertificateSignatureAlgorithm.RSA_PSS_SHA512,
                CertificateSignatureAlgorithm.ECDSA_SHA256, CertificateSignatureAlgorithm.ECDSA_SHA384,
                CertificateSignatureAlgorithm.ECDSA_SHA512, CertificateSignatureAlgorithm.ED25519);
        private Set<Curve> curves = EnumSet.allOf(Curve.class);

        private Builder() {
        }

        public Builder purpose(Purpose purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        /** The most intermediates, not counting self-issued ones (see {@link ValidationPolicy#maxIntermediates}). */
        public Builder maxIntermediates(int maxIntermediates) {
            this.maxIntermediates = maxIntermediates;
            return this;
        }

        public Builder maxWork(int maxWork) {
            this.maxWork = maxWork;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder minRsaBits(int minRsaBits) {
            this.minRsaBits = minRsaBits;
            return this;
        }

        public Builder signatureAlgorithms(Set<CertificateSignatureAlgorithm> algorithms) {
            this.signatureAlgorithms = EnumSet.noneOf(CertificateSignatureAlgorithm.class);
            this.signatureAlgorithms.addAll(algorithms);
            return this;
        }

        public Builder curves(Set<Curve> curves) {
            this.curves = EnumSet.noneOf(Curve.class);
            this.curves.addAll(curves);
            return this;
        }

        public ValidationPolicy build() {
            return new ValidationPolicy(purpose, profile, maxIntermediates, maxWork, clock, minRsaBits,
                    signatureAlgorithms, curves);
        }
    }
}
