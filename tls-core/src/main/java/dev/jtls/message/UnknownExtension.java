package dev.jtls.message;

import dev.jtls.record.TlsWriter;

/**
 * An extension jtls does not interpret (RFC 5246 §7.4.1.4: unknown extensions are ignored by a
 * server), kept as type + extension_data so that nothing is lost and the state machine can see
 * what was sent.
 */
public record UnknownExtension(ExtensionType type, Bytes data) {
    public UnknownExtension {
        Wire.require(data.length() <= 0xffff, "extension_data too long");
    }

    public void encode(TlsWriter w) {
        data.writeTo(w);
    }
}
