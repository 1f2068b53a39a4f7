package dev.jtls.handshake.server;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.ClientKeyExchange;
import dev.jtls.message.EcdhClientKeyExchange;
import dev.jtls.message.KeyExchangeKind;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.message.RsaClientKeyExchange;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import java.security.InvalidKeyException;

/**
 * The server's half of a full handshake's key exchange, fixed when the ServerHello is sent: what
 * turns the client's ClientKeyExchange into the premaster secret (RFC 5246 §7.4.7).
 */
sealed interface KeyExchange permits KeyExchange.Rsa, KeyExchange.Ecdhe {

    /** How to read the ClientKeyExchange body. */
    KeyExchangeKind kind();

    /** The premaster secret the client's ClientKeyExchange (of {@link #kind()}) leads to. */
    byte[] premaster(CryptoProvider crypto, ClientKeyExchange cke);

    /**
     * RSA key transport: the client encrypted the premaster to our certificate's key.
     *
     * @param clientVersion ClientHello.client_version as sent: RFC 5246 §7.4.7.1 checks the
     *                      premaster's first two bytes against it
     */
    record Rsa(CertifiedKey key, ProtocolVersion clientVersion) implements KeyExchange {
        @Override
        public KeyExchangeKind kind() {
            return KeyExchangeKind.RSA;
        }

        /**
         * RFC 5246 §7.4.7.1: whatever is wrong with the encrypted premaster (padding, length, version
         * bytes), no alert here: decryptPremaster returns a random-looking premaster instead, and the
         * handshake fails at the client's Finished exactly as a wrong Finished would (tlsfuzzer
         * test-invalid-rsa-key-exchange-messages.py, test-bleichenbacher-workaround.py).
         */
        @Override
        public byte[] premaster(CryptoProvider crypto, ClientKeyExchange cke) {
            return crypto.decryptPremaster(key.privateKey(),
                    ((RsaClientKeyExchange) cke).encryptedPreMasterSecret().toByteArray(), clientVersion.wire());
        }
    }

    /**
     * Ephemeral ECDH (RFC 8422): our share went out in ServerKeyExchange, signed with {@code scheme}.
     */
    record Ecdhe(NamedGroup group, SignatureScheme scheme, KeyShare share) implements KeyExchange {
        @Override
        public KeyExchangeKind kind() {
            return KeyExchangeKind.ECDHE;
        }

        /**
         * RFC 8422 §5.10 / RFC 7748 §6: the peer's point must be valid. tlsfuzzer
         * test-ecdhe-rsa-key-exchange-with-bad-messages.py expects illegal_parameter for a point not
         * on the curve or of the wrong length, and decode_error for a malformed message.
         */
        @Override
        public byte[] premaster(CryptoProvider crypto, ClientKeyExchange cke) {
            try {
                return share.agree(((EcdhClientKeyExchange) cke).publicKey().toByteArray());
            } catch (InvalidKeyException e) {
                throw new TlsAlertException(PeerMisbehaved.INVALID_PUBLIC_KEY,
                        "the client's " + group + " public key is not acceptable: " + e.getMessage());
            }
        }
    }
}
