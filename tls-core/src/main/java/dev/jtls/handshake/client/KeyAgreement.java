package dev.jtls.handshake.client;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.Bytes;
import dev.jtls.message.ClientKeyExchange;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.record.TlsAlertException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * The client's half of the key exchange, settled before ServerHelloDone: the ClientKeyExchange to
 * send and the premaster secret (RFC 5246 §7.4.7), handed over once.
 */
final class KeyAgreement {
    private final ClientKeyExchange message;
    private final NamedGroup group;
    private final SignatureScheme scheme;
    private byte[] premaster;

    private KeyAgreement(ClientKeyExchange message, NamedGroup group, SignatureScheme scheme, byte[] premaster) {
        this.message = message;
        this.group = group;
        this.scheme = scheme;
        this.premaster = premaster;
    }

    /**
     * RFC 5246 §7.4.7.1: premaster = client_version (3,3) + 46 random bytes, RSAES-PKCS1-v1_5
     * encrypted to the server's certificate key.
     */
    static KeyAgreement rsa(CryptoProvider crypto, PublicKey serverKey) {
        byte[] pms = new byte[48];
        crypto.random().nextBytes(pms);
        pms[0] = 3;
        pms[1] = 3;
        try {
            byte[] encrypted = crypto.rsaEncryptPkcs1(serverKey, pms);
            return new KeyAgreement(new RsaClientKeyExchange(Bytes.of(encrypted)), null, null, pms);
        } catch (InvalidKeyException e) {
            Arrays.fill(pms, (byte) 0);
            throw new TlsAlertException(PeerIncompatible.UNSUPPORTED_CERTIFICATE_KEY,
                    "cannot encrypt the premaster to the server's RSA key", e);
        }
    }

    /**
     * RFC 8422 §5.7 / §5.10: our ephemeral key on the server's group, and the shared secret.
     *
     * @throws TlsAlertException illegal_parameter if the server's point is not acceptable (RFC 8422
     *                           §5.4 / RFC 7748 §6: invalid or low-order points)
     */
    static KeyAgreement ecdhe(CryptoProvider crypto, ServerParamsVerified params) {
        KeyShare share = crypto.generateKeyShare(params.group());
        try {
            byte[] pms = share.agree(params.serverPublicKey());
            return new KeyAgreement(new EcdhClientKeyExchange(Bytes.of(share.publicKey())), params.group(),
                    params.scheme(), pms);
        } catch (InvalidKeyException e) {
            throw new TlsAlertException(PeerMisbehaved.INVALID_PUBLIC_KEY,
                    "the server's " + params.group() + " public key is not valid");
        }
    }

    ClientKeyExchange message() {
        return message;
    }

    /** The ECDHE group, or null for RSA key exchange. */
    NamedGroup group() {
        return group;
    }

    /** The scheme that signed ServerKeyExchange, or null for RSA key exchange. */
    SignatureScheme scheme() {
        return scheme;
    }

    /** The premaster secret; the caller zeroes it (MasterSecret's derivations do). Only once. */
    byte[] takePremaster() {
        if (premaster == null) {
            throw new IllegalStateException("premaster already taken");
        }
        byte[] p = premaster;
        premaster = null;
        return p;
    }
}
