package dev.jtls.handshake.server;

import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.HandshakeMessage;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsReader;
import java.util.function.Function;

/** Sending and reading handshake messages the same way in every server state. */
final class Messages {
    private Messages() {
    }

    /** Encodes with the header, adds the exact bytes to the transcript and sends them. */
    static void send(HandshakeMessage message, Transcript transcript, HandshakeOutput out) {
        byte[] bytes = message.encodeWithHeader();
        transcript.add(bytes);
        out.sendHandshake(bytes);
    }

    /** Decodes the whole body; trailing bytes are decode_error (RFC 5246 §7.2.2). */
    static <T> T decode(HandshakeFrame frame, String what, Function<TlsReader, T> decoder) {
        return frame.body().readAll(what, decoder);
    }
}
