package dev.jtls.pki;

import dev.jtls.crypto.CryptoProvider;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one validation: the policy, parsed certificates and verified signatures (each done
 * at most once, however many candidate paths share them), and the work budget that bounds path
 * building. Not thread-safe; one per {@link ChainValidator#validate} call.
 */
final class ValidationRun {
    final ValidationPolicy policy;
    final KeyUse leafUse;
    private final CryptoProvider crypto;
    private final Map<X509Certificate, Object> facts = new IdentityHashMap<>();
    private final Map<List<X509Certificate>, Boolean> signatures = new HashMap<>();
    private int work;
    private int signatureChecks;

    ValidationRun(ValidationPolicy policy, KeyUse leafUse, CryptoProvider crypto) {
        this.policy = policy;
        this.leafUse = leafUse;
        this.crypto = crypto;
    }

    /** The certificate's parsed structure, or a MALFORMED rejection naming it at {@code position}. */
    CertificateFacts facts(X509Certificate cert, int position) {
        Object f = facts.computeIfAbsent(cert, c -> {
            try {
                return CertificateFacts.parse(c);
            } catch (Der.Malformed e) {
                return e.getMessage();
            }
        });
        if (f instanceof CertificateFacts) {
            return (CertificateFacts) f;
        }
        throw CertificateRejection.of(ChainProblem.MALFORMED, cert, position, "it cannot be decoded: " + f
                + " (RFC 5280 §4.1)");
    }

    /** Spends one unit of path-building work, or ends the validation with WORK_LIMIT. */
    void spend(String what) {
        if (++work > policy.maxWork()) {
            throw new WorkLimit("path building stopped after " + policy.maxWork()
                    + " units of work (candidate issuers and signature checks) at " + what);
        }
    }

    CryptoProvider crypto() {
        return crypto;
    }

    int workDone() {
        return work;
    }

    int signatureChecks() {
        return signatureChecks;
    }

    /**
     * Checks that {@code issuer} signed {@code child} (at {@code position}) with an algorithm the policy
     * allows and a key the policy accepts. Each (child, issuer) pair is verified once per run and costs
     * one unit of work. The issuer's key is judged first, so that a key the crypto provider cannot use
     * (a P-192 curve, a 1024-bit RSA) is refused as weak rather than as a signature that fails.
     *
     * @throws CertificateRejection WEAK_ALGORITHM, MALFORMED or BAD_SIGNATURE naming the child (or
     *                              WEAK_ALGORITHM naming the issuer at {@code position + 1})
     */
    void checkSignature(X509Certificate child, int position, X509Certificate issuer) {
        CertificateFacts f = facts(child, position);
        X509Signatures.Algorithm algorithm = checkSignatureAlgorithm(child, position);
        ProfileRules.checkKey(facts(issuer, position + 1), position + 1, policy);
        List<X509Certificate> key = List.of(child, issuer);
        Boolean ok = signatures.get(key);
        if (ok == null) {
            spend("the signature of " + CertificateRejection.describe(child, position));
            signatureChecks++;
            ok = X509Signatures.verify(crypto, algorithm, issuer.getPublicKey(), f.tbs, f.signature);
            signatures.put(key, ok);
        }
        if (!ok) {
            throw CertificateRejection.of(ChainProblem.BAD_SIGNATURE, child, position, "its signature does not"
                    + " verify with the key of '" + CertificateRejection.name(issuer.getSubjectX500Principal())
                    + "' (" + algorithm.id() + ", RFC 5280 §6.1.3 (a)(1))");
        }
    }

    /**
     * The algorithm {@code cert} is signed with, if the policy allows it (CA/B Forum BR §7.1.3.2).
     *
     * @throws CertificateRejection WEAK_ALGORITHM or MALFORMED naming the certificate
     */
    X509Signatures.Algorithm checkSignatureAlgorithm(X509Certificate cert, int position) {
        X509Signatures.Algorithm algorithm;
        try {
            algorithm = X509Signatures.decode(facts(cert, position).outerAlgorithm);
        } catch (X509Signatures.Unsupported e) {
            throw CertificateRejection.of(ChainProblem.WEAK_ALGORITHM, cert, position, e.getMessage()
                    + " (RFC 5280 §4.1.1.2)");
        } catch (Der.Malformed e) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, cert, position,
                    "its signature algorithm cannot be decoded: " + e.getMessage() + " (RFC 5280 §4.1.1.2)");
        }
        if (!algorithm.allowedBy(policy.signatureAlgorithms())) {
            throw CertificateRejection.of(ChainProblem.WEAK_ALGORITHM, cert, position, "it is signed with "
                    + algorithm + ", which the policy does not accept (CA/B Forum BR §7.1.3.2)");
        }
        return algorithm;
    }

    /** The work bound was reached; carries the reason until the builder adds what it had found. */
    static final class WorkLimit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkLimit(String message) {
            super(message, null, false, false);
        }
    }
}
