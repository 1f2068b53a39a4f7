package dev.jtls.message;

import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;

/**
 * Decodes a received {@link HandshakeFrame} into its message. Intended use: the state first
 * checks {@code frame.type()} against what it may receive there (anything else is
 * unexpected_message, RFC 5246 §7.3), then calls {@link #decode}. The frame's raw bytes are what
 * goes into the transcript; the decoded record is for reading the fields.
 */
public final class HandshakeMessages {
    private HandshakeMessages() {
    }

    /**
     * @throws TlsAlertException decode_error / illegal_parameter for a malformed body;
     *         unexpected_message for a type jtls never receives in TLS 1.2 (e.g. hello_verify_request,
     *         TLS 1.3 types, unassigned codes) and for a ClientKeyExchange before the key exchange
     *         is known
     */
    public static HandshakeMessage decode(HandshakeFrame frame, DecodeContext ctx) {
        TlsReader body = frame.body();
        switch (frame.type()) {
            case 0: return HelloRequest.decode(body);
            case 1: return ClientHello.decode(body);
            case 2: return ServerHello.decode(body);
            case 4: return NewSessionTicket.decode(body);
            case 11: return Certificate.decode(body);
            case 12: return ServerKeyExchange.decode(body);
            case 13: return CertificateRequest.decode(body);
            case 14: return ServerHelloDone.decode(body);
            case 15: return CertificateVerify.decode(body);
            case 16:
                if (ctx.keyExchange() == null) {
                    throw new TlsAlertException(PeerMisbehaved.UNEXPECTED_MESSAGE,
                            "ClientKeyExchange before a key exchange was negotiated");
                }
                return ClientKeyExchange.decode(body, ctx.keyExchange());
            case 20: return Finished.decode(body, ctx.verifyDataLength());
            case 22: return CertificateStatus.decode(body);
            default:
                // RFC 5246 §7.4: a handshake type the protocol does not define here is an
                // inappropriate message.
                throw new TlsAlertException(PeerMisbehaved.UNEXPECTED_MESSAGE,
                        "unexpected handshake message " + HandshakeType.of(frame.type()));
        }
    }
}
