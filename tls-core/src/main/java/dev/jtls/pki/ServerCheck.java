package dev.jtls.pki;

import java.util.Objects;

/**
 * What a client knows about the server it dialled when it asks a {@link TrustVerifier} to judge the
 * server's chain.
 *
 * @param hostName             the name the client connected to (null when it connected by address or
 *                             did not say; then no name is checked)
 * @param keyUse               what the negotiated suite will do with the leaf's key
 * @param stapledOcspResponse  the DER OCSPResponse the server stapled in CertificateStatus (RFC 6066
 *                             §8), or null when it sent none; never modified by a verifier
 */
public record ServerCheck(String hostName, KeyUse keyUse, byte[] stapledOcspResponse) {
    public ServerCheck {
        Objects.requireNonNull(keyUse, "keyUse");
    }

    /** A check of the name only, for a signing key and no stapled response. */
    public static ServerCheck host(String hostName) {
        return new ServerCheck(hostName, KeyUse.DIGITAL_SIGNATURE, null);
    }
}
