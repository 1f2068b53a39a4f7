package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.ServerKeyExchange;
import dev.jtls.record.HandshakeFrame;

/** ECDHE only: waits for the signed ServerKeyExchange (RFC 8422 §5.4). */
final class ExpectServerKeyExchange implements HandshakeState {
    private final ClientContext ctx;
    private final Agreed agreed;
    private final Transcript transcript;
    private final ServerIdentity server;

    ExpectServerKeyExchange(ClientContext ctx, Agreed agreed, Transcript transcript, ServerIdentity server) {
        this.ctx = ctx;
        this.agreed = agreed;
        this.transcript = transcript;
        this.server = server;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (ClientStates.isIgnoredHelloRequest(frame)) {
            return this;
        }
        if (frame.type() != HandshakeType.SERVER_KEY_EXCHANGE.code()) {
            throw unexpected(frame);
        }
        ServerKeyExchange ske = frame.body().readAll("ServerKeyExchange", ServerKeyExchange::decode);
        ServerParamsVerified params = ServerParamsVerified.verify(ctx.config().crypto(), ske, ctx.config().groups(),
                ctx.config().signatureSchemes(), server, ctx.hello().random(), agreed.serverRandom());
        transcript.add(frame);
        KeyAgreement agreement = KeyAgreement.ecdhe(ctx.config().crypto(), params);
        return new ExpectCertificateRequestOrDone(ctx, agreed, transcript, server, agreement);
    }

    @Override
    public String describe() {
        return "waiting for ServerKeyExchange";
    }
}
