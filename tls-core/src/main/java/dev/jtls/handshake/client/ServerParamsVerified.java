package dev.jtls.handshake.client;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.Bytes;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.record.TlsAlertException;
import java.util.List;

/**
 * Proof that the ServerKeyExchange signature was checked (RFC 5246 §7.4.3): the constructor is
 * private and {@link #verify} the only factory, so an ECDHE {@link KeyAgreement} cannot be made
 * from unchecked parameters.
 */
final class ServerParamsVerified {
    private final NamedGroup group;
    private final SignatureScheme scheme;
    private final byte[] serverPublicKey;

    private ServerParamsVerified(NamedGroup group, SignatureScheme scheme, byte[] serverPublicKey) {
        this.group = group;
        this.scheme = scheme;
        this.serverPublicKey = serverPublicKey;
    }

    /**
     * @throws TlsAlertException illegal_parameter for a group or scheme we did not offer or that
     *                           does not fit the certificate; decrypt_error for a bad signature
     */
    static ServerParamsVerified verify(CryptoProvider crypto, ServerKeyExchange ske, List<NamedGroup> offeredGroups,
                                       List<SignatureScheme> offeredSchemes, ServerIdentity server,
                                       Bytes clientRandom, Bytes serverRandom) {
        // RFC 8422 §5.4: the server picks a curve the client listed in supported_groups; another
        // one is a value the client did not allow (RFC 5246 §7.2.2 illegal_parameter).
        NamedGroup group = ske.group().supported();
        if (group == null || !offeredGroups.contains(group)) {
            throw new TlsAlertException(PeerMisbehaved.GROUP_NOT_OFFERED,
                    "the server chose the group " + ske.group() + ", which was not offered");
        }
        // RFC 5246 §7.4.1.4.1: the signature uses a pair from the client's signature_algorithms,
        // and it must be one the server's certificate key can make.
        SignatureScheme scheme = ske.signatureAlgorithm().supported();
        if (scheme == null || !offeredSchemes.contains(scheme)
                || !server.keyType().signatureSchemes().contains(scheme)) {
            throw new TlsAlertException(PeerMisbehaved.SIGNATURE_SCHEME_NOT_OFFERED, "the server signed with "
                    + ske.signatureAlgorithm() + ", which was not offered or does not fit its " + server.keyType()
                    + " key");
        }
        // RFC 8422 §5.4: signed_params covers client_random + server_random + ServerECDHParams.
        // RFC 5246 §7.2.2: decrypt_error "a signature could not be verified".
        if (!crypto.verify(scheme, server.publicKey(), ske.signedData(clientRandom, serverRandom),
                ske.signature().toByteArray())) {
            throw new TlsAlertException(PeerMisbehaved.BAD_SIGNATURE,
                    "the ServerKeyExchange signature (" + scheme + ") does not verify");
        }
        return new ServerParamsVerified(group, scheme, ske.publicKey().toByteArray());
    }

    NamedGroup group() {
        return group;
    }

    SignatureScheme scheme() {
        return scheme;
    }

    byte[] serverPublicKey() {
        return serverPublicKey.clone();
    }
}
