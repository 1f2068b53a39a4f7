package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One listing of the legal server message sequences (RFC 5246 §7.3), and every client state on
 * them refusing every other handshake type with unexpected_message. A message of the wrong type is
 * slipped in right before each legal message of a SunJSSE server's flight (full handshake, with
 * and without CertificateRequest; with NewSessionTicket) and before its ChangeCipherSpec.
 */
class ClientStateTableTest {
    /** Types a TLS 1.2 peer might send (hello_request is ignored mid-handshake, RFC 5246 §7.4.1.1). */
    static final int[] TYPES = {1, 2, 3, 4, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 67, 254};

    /** Which server message the injected one precedes, and what the client may accept there. */
    enum Slot {
        SERVER_HELLO(2, Set.of(2)),
        CERTIFICATE(11, Set.of(11)),
        SERVER_KEY_EXCHANGE(12, Set.of(12)),
        CERTIFICATE_REQUEST(13, Set.of(13, 14)),
        SERVER_HELLO_DONE_AFTER_REQUEST(14, Set.of(14)),
        NEW_SESSION_TICKET(4, Set.of(4)),
        CHANGE_CIPHER_SPEC(-1, Set.of());

        final int before;
        final Set<Integer> legal;

        Slot(int before, Set<Integer> legal) {
            this.before = before;
            this.legal = legal;
        }
    }

    static Stream<Arguments> slotsAndTypes() {
        List<Arguments> out = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            for (int t : TYPES) {
                if (!slot.legal.contains(t)) {
                    out.add(Arguments.of(slot, t));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} before {0}")
    @MethodSource("slotsAndTypes")
    void everyOtherTypeIsUnexpected(Slot slot, int type) {
        byte[] intruder = {(byte) type, 0, 0, 0};
        TlsConfig.Builder config = ClientJsseHandshakeTest.config()
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        // Tickets only where the NewSessionTicket slot is tested: otherwise the CCS follows SHD.
        config.sessionTickets(slot == Slot.NEW_SESSION_TICKET);
        JssePeer peer = new JssePeer();
        var engine = peer.serverEngine();
        if (slot == Slot.CERTIFICATE_REQUEST || slot == Slot.SERVER_HELLO_DONE_AFTER_REQUEST) {
            engine.setWantClientAuth(true);
        }
        ServerFlightTamper tamper;
        if (slot == Slot.CHANGE_CIPHER_SPEC) {
            tamper = new ServerFlightTamper(List::of).beforeChangeCipherSpec(List.of(intruder));
        } else if (slot == Slot.CERTIFICATE_REQUEST) {
            // Before what follows ServerKeyExchange: CertificateRequest (legal there: 13 or 14).
            tamper = ServerFlightTamper.onType(13, m -> List.of(intruder, m));
        } else if (slot == Slot.SERVER_HELLO_DONE_AFTER_REQUEST) {
            tamper = ServerFlightTamper.onType(14, m -> List.of(intruder, m));
        } else {
            tamper = ServerFlightTamper.onType(slot.before, m -> List.of(intruder, m));
        }
        Conversation c = new Conversation(config.build(), engine, JssePeer.HOST, 443);
        c.serverTamper = tamper;
        c.pump();
        assertThat(c.client.failure()).as("client failure").isNotNull();
        assertThat(c.client.failure().description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(c.client.status()).isEqualTo(TlsConnection.Status.CLOSED);
        assertThat(c.serverFailure.getMessage()).contains("unexpected_message");
    }
}
