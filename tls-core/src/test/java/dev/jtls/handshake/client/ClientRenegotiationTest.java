package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.connection.TlsConnection;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5746 §4.2 / RFC 5246 §7.4.1.1: a connected client refuses renegotiation with a warning and goes on. */
class ClientRenegotiationTest {

    /** Records what a state asks for. */
    static final class Recorder implements HandshakeOutput {
        final List<AlertDescription> warnings = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();

        @Override
        public void sendHandshake(byte[] messageWithHeader) {
            sent.add(messageWithHeader);
        }

        @Override
        public void sendChangeCipherSpec(RecordProtection protection) {
            throw new AssertionError("no CCS expected");
        }

        @Override
        public void changeReadProtection(RecordProtection protection) {
            throw new AssertionError("no CCS expected");
        }

        @Override
        public void sendWarning(AlertDescription description) {
            warnings.add(description);
        }

        @Override
        public void event(HandshakeEvent event) {
        }

        @Override
        public void onFailure(Runnable action) {
        }

        @Override
        public void maxReceiveFragment(int length) {
        }

        @Override
        public void maxSendFragment(int length) {
            throw new AssertionError("no record limit expected");
        }
    }

    @Test
    void helloRequestWhenConnectedGetsNoRenegotiationWarning() {
        Recorder out = new Recorder();
        HandshakeState next = Connected.INSTANCE.handle(new HandshakeFrame(new byte[] {0, 0, 0, 0}), out);
        assertThat(next.isConnected()).isTrue();
        assertThat(out.warnings).containsExactly(AlertDescription.NO_RENEGOTIATION);
        assertThat(out.sent).isEmpty();
    }

    @Test
    void otherHandshakeMessagesWhenConnectedAreUnexpected() {
        for (int type : new int[] {1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 99}) {
            assertThatThrownBy(() -> Connected.INSTANCE.handle(new HandshakeFrame(new byte[] {(byte) type, 0, 0, 0}),
                    new Recorder()))
                    .isInstanceOfSatisfying(TlsAlertException.class,
                            e -> assertThat(e.description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
        }
        assertThatThrownBy(() -> Connected.INSTANCE.handleChangeCipherSpec(new Recorder()))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
    }

    @Test
    void helloRequestWithABodyIsDecodeError() {
        assertThatThrownBy(() -> Connected.INSTANCE.handle(new HandshakeFrame(new byte[] {0, 0, 0, 1, 0}), new Recorder()))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.description()).isEqualTo(AlertDescription.DECODE_ERROR));
    }

    @Test
    void sunJsseServerAskingToRenegotiateIsRefusedWithAWarning() throws Exception {
        JssePeer peer = new JssePeer();
        Conversation c = new Conversation(ClientJsseHandshakeTest.config().build(), JssePeer.HOST, peer.serverEngine()).pump();
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        c.server.beginHandshake();
        ByteBuffer helloRequest = ByteBuffer.allocate(1 << 16);
        c.server.wrap(ByteBuffer.allocate(0), helloRequest);
        helloRequest.flip();
        c.client.receive(helloRequest);
        // jtls answered with one alert record (the encrypted no_renegotiation warning) and is
        // still connected: it can write.
        ByteBuffer answer = ByteBuffer.allocate(1 << 16);
        c.client.takeOutgoing(answer);
        answer.flip();
        assertThat(answer.get(0)).isEqualTo((byte) 21);
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        c.client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        // SunJSSE, having asked, treats the refusal as fatal (RFC 5246 §7.2.2 lets the requester
        // decide): it answers with handshake_failure, naming the warning it received.
        ByteBuffer sink = ByteBuffer.allocate(1 << 20);
        assertThatThrownBy(() -> {
            while (answer.hasRemaining()) {
                c.server.unwrap(answer, sink);
            }
        }).hasMessageContaining("renegotiation");
    }
}
