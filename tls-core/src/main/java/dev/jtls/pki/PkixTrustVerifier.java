package dev.jtls.pki;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The {@link TrustVerifier} for real deployments: RFC 5280 path validation to a set of
 * {@link TrustAnchors} ({@link ChainValidator}), then, for a server, the host name (RFC 9525 through
 * {@link HostnameVerifier}) when the client knows which host it dialled. Servers' chains are judged
 * with the server policy ({@link ValidationPolicy#webPki()} by default), clients' chains with the
 * client policy ({@link ValidationPolicy#webPkiClient()}); a client's key always signs
 * (CertificateVerify), so its keyUsage must allow digitalSignature.
 *
 * <p>The stapled OCSP response of {@link ServerCheck} is not looked at here (revocation is wired
 * separately).
 */
public final class PkixTrustVerifier implements TrustVerifier {
    private final ChainValidator validator;
    private final ValidationPolicy serverPolicy;
    private final ValidationPolicy clientPolicy;
    private final HostnameVerifier hostnames;
    private final RevocationPolicy revocation;

    /** Soft-fail revocation: a stapled OCSP response is checked when the server sends one. */
    public PkixTrustVerifier(ChainValidator validator, ValidationPolicy serverPolicy, ValidationPolicy clientPolicy,
                             HostnameVerifier hostnames) {
        this(validator, serverPolicy, clientPolicy, hostnames, RevocationPolicy.SOFT_FAIL);
    }

    /**
     * @param revocation what a server's chain needs in the way of a stapled OCSP response (RFC 6066
     *                   §8): SOFT_FAIL checks one when present, HARD_FAIL requires a good one
     */
    public PkixTrustVerifier(ChainValidator validator, ValidationPolicy serverPolicy, ValidationPolicy clientPolicy,
                             HostnameVerifier hostnames, RevocationPolicy revocation) {
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.serverPolicy = Objects.requireNonNull(serverPolicy, "serverPolicy");
        this.clientPolicy = Objects.requireNonNull(clientPolicy, "clientPolicy");
        this.hostnames = Objects.requireNonNull(hostnames, "hostnames");
        if (serverPolicy.purpose() != ValidationPolicy.Purpose.SERVER_AUTH
                || clientPolicy.purpose() != ValidationPolicy.Purpose.CLIENT_AUTH) {
            throw new IllegalArgumentException("the server policy must be for serverAuth, the client policy for clientAuth");
        }
    }

    /** Web PKI policies, strict host names (no CN fallback), the default crypto provider. */
    public static PkixTrustVerifier webPki(TrustAnchors anchors) {
        return webPki(anchors, CryptoProviders.defaults());
    }

    public static PkixTrustVerifier webPki(TrustAnchors anchors, CryptoProvider crypto) {
        return new PkixTrustVerifier(new ChainValidator(anchors, crypto), ValidationPolicy.webPki(),
                ValidationPolicy.webPkiClient(), HostnameVerifier.strict());
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, ServerCheck check) {
        ValidatedPath path = validator.validate(chain, serverPolicy, check.keyUse());
        if (check.hostName() != null) {
            hostnames.verify(chain.get(0), check.hostName());
        }
        // RFC 6960 §4.1.1: the CertID names the leaf's issuer, which the validated path gives; a leaf
        // that is itself an anchor has no issuer to check a response against, so it counts as absent.
        List<X509Certificate> certs = path.certificates();
        X509Certificate issuer = certs.size() > 1 ? certs.get(1) : null;
        OcspResponseVerifier.check(issuer == null ? null : check.stapledOcspResponse(), certs.get(0), issuer,
                serverPolicy.clock().instant(), revocation, validator.crypto());
    }

    @Override
    public void verifyClient(List<X509Certificate> chain) {
        validator.validate(chain, clientPolicy, KeyUse.DIGITAL_SIGNATURE);
    }

    public ChainValidator validator() {
        return validator;
    }

    public ValidationPolicy serverPolicy() {
        return serverPolicy;
    }

    public ValidationPolicy clientPolicy() {
        return clientPolicy;
    }
}
