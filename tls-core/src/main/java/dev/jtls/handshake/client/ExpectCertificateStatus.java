package dev.jtls.handshake.client;

import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.CertificateStatus;
import dev.jtls.message.HandshakeType;
import dev.jtls.record.HandshakeFrame;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * After the server's Certificate, when we sent status_request and the server acknowledged it (RFC
 * 6066 §8): a CertificateStatus carrying the stapled OCSP response, or directly the message that
 * would have followed it, since "the server MAY omit" it. Either way the chain is judged here, with
 * the response or without, before the next message is taken. A CertificateStatus where it was not
 * announced never reaches this state: the next states answer it with unexpected_message.
 */
final class ExpectCertificateStatus implements HandshakeState {
    private final ClientContext ctx;
    private final Agreed agreed;
    private final Transcript transcript;
    private final List<X509Certificate> chain;

    /** @param chain the server's parsed chain, not yet judged */
    ExpectCertificateStatus(ClientContext ctx, Agreed agreed, Transcript transcript, List<X509Certificate> chain) {
        this.ctx = ctx;
        this.agreed = agreed;
        this.transcript = transcript;
        this.chain = List.copyOf(chain);
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() == HandshakeType.CERTIFICATE_STATUS.code()) {
            CertificateStatus status = frame.body().readAll("CertificateStatus", CertificateStatus::decode);
            transcript.add(frame);
            return ExpectCertificate.accept(ctx, agreed, transcript, chain, status.ocspResponse().toByteArray(), out);
        }
        if (!followsCertificate(frame.type())) {
            throw unexpected(frame);
        }
        // No CertificateStatus: judge the chain without a response, then let the next state take the frame.
        return ExpectCertificate.accept(ctx, agreed, transcript, chain, null, out).handle(frame, out);
    }

    /** RFC 5246 §7.3: after Certificate come ServerKeyExchange (ECDHE) or CertificateRequest/ServerHelloDone (RSA). */
    private boolean followsCertificate(int type) {
        if (agreed.suite().keyExchange() == CipherSuite.KeyExchange.ECDHE) {
            return type == HandshakeType.SERVER_KEY_EXCHANGE.code();
        }
        return type == HandshakeType.CERTIFICATE_REQUEST.code() || type == HandshakeType.SERVER_HELLO_DONE.code();
    }

    @Override
    public String describe() {
        return "waiting for CertificateStatus or the server's key exchange";
    }
}
