package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.CertificateRequest;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.ServerHelloDone;
import dev.jtls.record.HandshakeFrame;

/** After the server's key material: an optional CertificateRequest (RFC 5246 §7.4.4), or ServerHelloDone. */
final class ExpectCertificateRequestOrDone implements HandshakeState {
    private final ClientContext ctx;
    private final Agreed agreed;
    private final Transcript transcript;
    private final ServerIdentity server;
    private final KeyAgreement agreement;

    ExpectCertificateRequestOrDone(ClientContext ctx, Agreed agreed, Transcript transcript, ServerIdentity server,
                                   KeyAgreement agreement) {
        this.ctx = ctx;
        this.agreed = agreed;
        this.transcript = transcript;
        this.server = server;
        this.agreement = agreement;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() == HandshakeType.CERTIFICATE_REQUEST.code()) {
            CertificateRequest request = frame.body().readAll("CertificateRequest", CertificateRequest::decode);
            transcript.add(frame);
            return new ExpectServerHelloDone(ctx, agreed, transcript, server, agreement,
                    ClientCredentials.choose(ctx.config(), request));
        }
        if (frame.type() == HandshakeType.SERVER_HELLO_DONE.code()) {
            frame.body().readAll("ServerHelloDone", ServerHelloDone::decode);
            transcript.add(frame);
            // No CertificateRequest: no CertificateVerify will need the raw messages.
            transcript.releaseRaw();
            return ClientFlight.send(ctx, agreed, transcript, server, agreement, null, out);
        }
        throw unexpected(frame);
    }

    @Override
    public String describe() {
        return "waiting for CertificateRequest or ServerHelloDone";
    }
}
