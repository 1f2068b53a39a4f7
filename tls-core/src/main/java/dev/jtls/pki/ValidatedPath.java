package dev.jtls.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certification path that {@link ChainValidator} accepted.
 *
 * @param certificates   the path, leaf first and trust anchor last (a trusted leaf is a path of one)
 * @param work           units of path-building work spent (candidate issuers and signature checks)
 * @param signatureChecks signature verifications done
 */
public record ValidatedPath(List<X509Certificate> certificates, int work, int signatureChecks) {
    public ValidatedPath {
        certificates = List.copyOf(certificates);
    }

    public X509Certificate leaf() {
        return certificates.get(0);
    }

    public X509Certificate anchor() {
        return certificates.get(certificates.size() - 1);
    }
}
