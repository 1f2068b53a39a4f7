package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.ServerHelloDone;
import dev.jtls.record.HandshakeFrame;

/** After a CertificateRequest: only ServerHelloDone (RFC 5246 §7.4.5) may come. */
final class ExpectServerHelloDone implements HandshakeState {
    private final ClientContext ctx;
    private final Agreed agreed;
    private final Transcript transcript;
    private final ServerIdentity server;
    private final KeyAgreement agreement;
    private final ClientCredentials credentials;

    ExpectServerHelloDone(ClientContext ctx, Agreed agreed, Transcript transcript, ServerIdentity server,
                          KeyAgreement agreement, ClientCredentials credentials) {
        this.ctx = ctx;
        this.agreed = agreed;
        this.transcript = transcript;
        this.server = server;
        this.agreement = agreement;
        this.credentials = credentials;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() != HandshakeType.SERVER_HELLO_DONE.code()) {
            throw unexpected(frame);
        }
        frame.body().readAll("ServerHelloDone", ServerHelloDone::decode);
        transcript.add(frame);
        return ClientFlight.send(ctx, agreed, transcript, server, agreement, credentials, out);
    }

    @Override
    public String describe() {
        return "waiting for ServerHelloDone";
    }
}
