package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 8422 §5.4 ServerKeyExchange for ECDHE (the only kind jtls uses; RSA key exchange sends
 * none): {@code ServerECDHParams params; digitally-signed struct { ... } signed_params;} with
 * {@code ServerECDHParams { ECParameters curve_params; ECPoint public; }},
 * {@code ECParameters { ECCurveType curve_type = named_curve(3); NamedCurve namedcurve; }},
 * {@code ECPoint { opaque point<1..2^8-1>; }} and, in TLS 1.2, {@code DigitallySigned {
 * SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>; }} (RFC 5246 §4.7).
 * {@link #paramsBytes()} gives the exact signed params bytes (there is one encoding of them).
 */
public record ServerKeyExchange(NamedGroupId group, Bytes publicKey, SignatureSchemeId signatureAlgorithm,
                                Bytes signature) implements HandshakeMessage {
    /** RFC 8422 §5.4 ECCurveType named_curve. */
    public static final int NAMED_CURVE = 3;

    public ServerKeyExchange {
        Wire.require(publicKey.length() >= 1 && publicKey.length() <= 0xff, "ECPoint length");
        Wire.require(signature.length() <= 0xffff, "signature too long");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    public static ServerKeyExchange decode(TlsReader r) {
        int curveType = r.uint8("curve_type");
        // RFC 8422 §5.4: explicit_prime(1) and explicit_char2(2) are deprecated and never
        // offered by jtls, so any curve_type but named_curve is a value the client did not allow.
        if (curveType != NAMED_CURVE) {
            throw new TlsAlertException(PeerMisbehaved.EXPLICIT_CURVE, "ServerKeyExchange curve_type " + curveType + " is not named_curve");
        }
        NamedGroupId group = NamedGroupId.decode(r);
        Bytes point = Wire.opaque8(r, "ECPoint", 1, 0xff);
        SignatureSchemeId algorithm = SignatureSchemeId.decode(r);
        Bytes signature = Wire.opaque16(r, "signature", 0, 0xffff);
        r.expectEnd("ServerKeyExchange");
        return new ServerKeyExchange(group, point, algorithm, signature);
    }

    /** The ServerECDHParams bytes, as covered by the signature (RFC 8422 §5.4). */
    public byte[] paramsBytes() {
        TlsWriter w = new TlsWriter(4 + publicKey.length());
        encodeParams(w);
        return w.toByteArray();
    }

    /**
     * RFC 8422 §5.4: the data signed: {@code client_random + server_random + ServerECDHParams}.
     */
    public byte[] signedData(Bytes clientRandom, Bytes serverRandom) {
        TlsWriter w = new TlsWriter(64 + 4 + publicKey.length());
        clientRandom.writeTo(w);
        serverRandom.writeTo(w);
        encodeParams(w);
        return w.toByteArray();
    }

    private void encodeParams(TlsWriter w) {
        w.uint8(NAMED_CURVE);
        group.encode(w);
        Wire.opaque8(w, publicKey);
    }

    @Override
    public void encode(TlsWriter w) {
        encodeParams(w);
        signatureAlgorithm.encode(w);
        Wire.opaque16(w, signature);
    }
}
