package dev.jtls.handshake.client;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.HandshakeMessage;
import dev.jtls.message.HandshakeType;
import dev.jtls.message.HelloRequest;
import dev.jtls.record.HandshakeFrame;

/** Small steps every client state shares. */
final class ClientStates {
    private ClientStates() {
    }

    /**
     * RFC 5246 §7.4.1.1: "This message will be ignored by the client if the client is currently
     * negotiating a session", and HelloRequest is not part of the transcript. True if the frame
     * was a (well-formed) HelloRequest, which the caller then ignores.
     */
    static boolean isIgnoredHelloRequest(HandshakeFrame frame) {
        if (frame.type() != HandshakeType.HELLO_REQUEST.code()) {
            return false;
        }
        frame.body().readAll("HelloRequest", HelloRequest::decode);
        return true;
    }

    /** Encodes, adds to the transcript and sends one of our messages. */
    static void send(HandshakeMessage message, Transcript transcript, HandshakeOutput out) {
        byte[] bytes = message.encodeWithHeader();
        transcript.add(bytes);
        out.sendHandshake(bytes);
    }
}
