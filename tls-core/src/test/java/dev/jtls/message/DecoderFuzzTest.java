package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jtls.record.ContentType;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.HandshakeReassembler;
import dev.jtls.record.RecordReader;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Jazzer targets for the parsers: the record deframer with the handshake reassembler, and every
 * handshake message and extension decoder. Only {@link TlsAlertException} may come out. In a normal
 * build these run as regression tests over {@code DecoderFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes one of them (README "Fuzzing").
 */
class DecoderFuzzTest {
    /** One time-boxed fuzzing run (JAZZER_FUZZ=1); the README shows how to chain runs into a long one. */
    static final String FUZZ_RUN = "3m";

    private static final List<Function<dev.jtls.record.TlsReader, ?>> DECODERS =
            new ArrayList<>(MessageFuzzProperties.DECODERS.values());
    private static final DecodeContext[] CONTEXTS = {DecodeContext.INITIAL,
            DecodeContext.negotiated(KeyExchangeKind.RSA), DecodeContext.negotiated(KeyExchangeKind.ECDHE)};

    /**
     * Bytes from the network in chunks (the first byte sets the chunk size): records out of the
     * deframer, handshake records into the reassembler, each message frame decoded.
     */
    @FuzzTest(maxDuration = FUZZ_RUN)
    void recordsAndHandshakeFrames(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0xff);
        HandshakeReassembler reassembler = new HandshakeReassembler(64 * 1024);
        RecordReader reader = new RecordReader(reassembler);
        ByteBuffer src = ByteBuffer.wrap(input, 1, input.length - 1);
        try {
            while (src.hasRemaining()) {
                ByteBuffer piece = src.slice();
                piece.limit(Math.min(chunk, piece.remaining()));
                int before = piece.remaining();
                reader.feed(piece);
                src.position(src.position() + before - piece.remaining());
                for (ContentType t = reader.next(); t != null; t = reader.next()) {
                    assertThat(reader.plaintext().remaining()).isLessThanOrEqualTo(1 << 14);
                    if (t == ContentType.HANDSHAKE) {
                        reassembler.feed(reader.plaintext());
                        for (HandshakeFrame f = reassembler.next(); f != null; f = reassembler.next()) {
                            HandshakeMessages.decode(f, CONTEXTS[f.bodyLength() % CONTEXTS.length]);
                        }
                    }
                }
                if (before == piece.remaining()) {
                    break;
                }
            }
        } catch (TlsAlertException expected) {
            assertThat(expected.description()).isNotNull();
        }
    }

    /** The first byte picks one of the message and extension decoders; the rest is its body. */
    @FuzzTest(maxDuration = FUZZ_RUN)
    void messageAndExtensionDecoders(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] body = java.util.Arrays.copyOfRange(input, 1, input.length);
        MessageFuzzProperties.onlyAlerts(DECODERS.get((input[0] & 0xff) % DECODERS.size()), body);
    }
}
