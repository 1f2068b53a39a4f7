package dev.jtls.message;

import dev.jtls.record.TlsWriter;

/**
 * A TLS 1.2 handshake message (RFC 5246 §7.4). Each is an immutable record with a
 * {@code static decode(TlsReader)} over exactly its body (trailing bytes are decode_error) and
 * {@link #encode} of its body; {@link HandshakeMessages#decode} dispatches on a received frame.
 * Dispatch on the type with {@code instanceof} (Java 17 has no pattern switch).
 */
public sealed interface HandshakeMessage
        permits HelloRequest, ClientHello, ServerHello, Certificate, ServerKeyExchange, CertificateRequest,
        ServerHelloDone, CertificateVerify, ClientKeyExchange, Finished, NewSessionTicket, CertificateStatus {

    HandshakeType type();

    /** Writes the body (without the 4-byte handshake header). */
    void encode(TlsWriter w);

    /**
     * RFC 5246 §7.4: {@code msg_type(1) + uint24 length + body}: exactly the bytes that go into a
     * handshake record and into the transcript hash (RFC 5246 §7.4.9).
     */
    default byte[] encodeWithHeader() {
        TlsWriter w = new TlsWriter();
        type().encode(w);
        w.lengthPrefixed24(this::encode);
        return w.toByteArray();
    }
}
