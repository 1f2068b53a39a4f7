package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 8422 §5.7 ClientKeyExchange for ECDHE: {@code ClientECDiffieHellmanPublic { ECPoint ecdh_Yc; }}
 * with {@code opaque point<1..2^8-1>} (the implicit, empty form is only for fixed-ECDH client
 * certificates, which jtls does not do). The point itself is validated by the crypto layer.
 */
public record EcdhClientKeyExchange(Bytes publicKey) implements ClientKeyExchange {
    public EcdhClientKeyExchange {
        Wire.require(publicKey.length() >= 1 && publicKey.length() <= 0xff, "ECPoint length");
    }

    @Override
    public KeyExchangeKind kind() {
        return KeyExchangeKind.ECDHE;
    }

    public static EcdhClientKeyExchange decode(TlsReader r) {
        Bytes p = Wire.opaque8(r, "ecdh_Yc", 1, 0xff);
        r.expectEnd("ClientKeyExchange");
        return new EcdhClientKeyExchange(p);
    }

    @Override
    public void encode(TlsWriter w) {
        Wire.opaque8(w, publicKey);
    }
}
