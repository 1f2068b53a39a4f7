package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5246 §7.4.7.1 ClientKeyExchange for RSA: {@code public-key-encrypted PreMasterSecret},
 * i.e. {@code opaque encrypted_pre_master_secret<0..2^16-1>} with its 2-byte length (TLS 1.0+).
 * Any ciphertext length is accepted here, even 0: a ciphertext of the wrong size must take the
 * same path as a bad padding (implicit rejection, RFC 5246 §7.4.7.1), so only the framing (the
 * length prefix against the body) is checked; a mismatch is decode_error.
 */
public record RsaClientKeyExchange(Bytes encryptedPreMasterSecret) implements ClientKeyExchange {
    public RsaClientKeyExchange {
        Wire.require(encryptedPreMasterSecret.length() <= 0xffff, "encrypted premaster too long");
    }

    @Override
    public KeyExchangeKind kind() {
        return KeyExchangeKind.RSA;
    }

    public static RsaClientKeyExchange decode(TlsReader r) {
        Bytes c = Wire.opaque16(r, "encrypted_pre_master_secret", 0, 0xffff);
        r.expectEnd("ClientKeyExchange");
        return new RsaClientKeyExchange(c);
    }

    @Override
    public void encode(TlsWriter w) {
        Wire.opaque16(w, encryptedPreMasterSecret);
    }
}
