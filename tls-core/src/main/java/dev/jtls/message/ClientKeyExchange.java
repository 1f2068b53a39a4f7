package dev.jtls.message;

import dev.jtls.record.TlsReader;

/**
 * RFC 5246 §7.4.7 ClientKeyExchange: its body depends on the negotiated key exchange, so decoding
 * takes the kind: {@link RsaClientKeyExchange} or {@link EcdhClientKeyExchange}.
 */
public sealed interface ClientKeyExchange extends HandshakeMessage
        permits RsaClientKeyExchange, EcdhClientKeyExchange {

    @Override
    default HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    KeyExchangeKind kind();

    static ClientKeyExchange decode(TlsReader r, KeyExchangeKind kind) {
        switch (kind) {
            case RSA:
                return RsaClientKeyExchange.decode(r);
            case ECDHE:
                return EcdhClientKeyExchange.decode(r);
            default:
                throw new AssertionError(kind);
        }
    }
}
