package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private static final Pattern SERVER_HELLO_ID =
            Pattern.compile("client <-- server  ServerHello .*session id ([0-9a-f]{16})\\.\\.\\. \\(32 bytes\\)");

    @Test
    void printsAFullHandshakeThenResumesTheSameSession() {
        Captured r = Captured.run("demo");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain("not built yet");

        String[] parts = r.out().split("\n2\\. |\n3\\. ");
        assertThat(parts).hasSize(3);
        String full = parts[0];
        String byId = parts[1];
        String byTicket = parts[2];

        // The full handshake, in order, from the client's side.
        assertThat(full).containsSubsequence(
                "client --> server  ClientHello", "TLSv1.2", "SNI localhost", "session id (empty)", "offers EMS",
                "client <-- server  ServerHello", "EMS yes",
                "client <-- server  Certificate", "'CN=localhost' <- 'CN=jtls demo CA'",
                "verification", "ok: chain leads to trusted 'CN=jtls demo CA'", "names host 'localhost'",
                "client <-- server  ServerKeyExchange", "group x25519, signed with ecdsa_secp256r1_sha256",
                "client <-- server  ServerHelloDone",
                "client --> server  ClientKeyExchange",
                "client --> server  ChangeCipherSpec",
                "client --> server  Finished",
                "client <-- server  NewSessionTicket", "lifetime",
                "client <-- server  ChangeCipherSpec",
                "client <-- server  Finished",
                "handshake done", "resumed: no",
                "client --> server  application data", DemoCommand.MESSAGE,
                "client <-- server  application data", "echo: " + DemoCommand.MESSAGE,
                "client --> server  Alert", "warning close_notify",
                "received the client's close_notify");
        String firstId = sessionIdOf(full);

        // Resumption by id: the same session id comes back, and no certificate or key exchange.
        assertThat(byId).containsSubsequence(
                "client --> server  ClientHello", "session id " + firstId,
                "client <-- server  ServerHello", "session id " + firstId, "(echoed: resuming)",
                "client <-- server  ChangeCipherSpec", "client <-- server  Finished",
                "client --> server  ChangeCipherSpec", "client --> server  Finished",
                "resumed: yes, session id " + firstId, "(by session id)",
                "echo: " + DemoCommand.MESSAGE, "warning close_notify");
        assertThat(sessionIdOf(byId)).isEqualTo(firstId);
        for (String resumed : new String[] {byId, byTicket}) {
            assertThat(resumed).doesNotContain("  Certificate ", "ServerKeyExchange", "ClientKeyExchange", "verification");
        }

        // Resumption by ticket: the ticket is offered, the server echoes the id sent with it.
        String ticketId = sessionIdOf(byTicket);
        assertThat(byTicket).containsSubsequence(
                "client --> server  ClientHello", "offers EMS", "ticket (",
                "client <-- server  ServerHello", "(echoed: resuming)",
                "resumed: yes, session id " + ticketId, "(by session ticket");
        assertThat(r.out()).contains("done: 3 connections (1 full handshake, 2 resumed)");
    }

    private static String sessionIdOf(String ladder) {
        Matcher m = SERVER_HELLO_ID.matcher(ladder);
        assertThat(m.find()).as(ladder).isTrue();
        return m.group(1);
    }

    @Test
    void theDemoWorksWithADirectlyTrustedSelfSignedCertificate() {
        Captured r = Captured.run("demo", "--self-signed");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("self-signed server certificate 'CN=localhost'", "chain of 1: 'CN=localhost'",
                "ok: the certificate is itself trusted (direct trust), certificate names host 'localhost'",
                "echo: " + DemoCommand.MESSAGE, "done: 3 connections");
    }
}
