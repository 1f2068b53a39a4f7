package dev.jtls.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.proxy.balance.PolicyKind;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.config.ProxyConfig;
import dev.jtls.proxy.config.TicketConfig;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.proxy.testing.Exec;
import dev.jtls.proxy.testing.L4RoundRobin;
import dev.jtls.proxy.testing.ProxyConfigs;
import dev.jtls.proxy.testing.RawTls;
import dev.jtls.proxy.testing.TestBackend;
import dev.jtls.proxy.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances, one behaviour: two proxies with the same {@code tickets:} secret behind a TCP
 * round-robin (the L4 tier); a ticket one issued resumes on the other (RFC 5077 §3.1), a ticket under
 * another secret falls back to a full handshake, a proxy killed behind the L4 tier costs its clients
 * only a reconnect that still resumes, and the consistent hash sends a key to the same back end on both.
 */
class SharedTicketsTest {
    private final List<ProxyServer> proxies = new ArrayList<>();
    private final List<TestBackend> backends = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : others) {
            c.close();
        }
        for (ProxyServer p : proxies) {
            p.stop(Duration.ofSeconds(1));
        }
        backends.forEach(TestBackend::close);
    }

    /** One proxy instance and the handshakes it completed. */
    private record Instance(ProxyServer server, List<TlsFacts> handshakes) {
        int port() {
            return server.port("https");
        }
    }

    private Instance start(ProxyConfig config) throws Exception {
        List<TlsFacts> seen = new CopyOnWriteArrayList<>();
        ProxyServer p = ProxyServer.start(config, new ProxyEvents() {
            @Override
            public void handshakeCompleted(String listener, TlsFacts facts) {
                seen.add(facts);
            }
        }, 1);
        proxies.add(p);
        return new Instance(p, seen);
    }

    private static Path secretFile(String label) throws Exception {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        Path f = TestPki.get().dir.resolve(label + ".ticket-secret");
        Files.writeString(f, Base64.getEncoder().encodeToString(random) + "\n");
        return f;
    }

    private ProxyConfig config(Path secret, PoolConfig pool) throws Exception {
        ProxyConfig c = ProxyConfigs.simple(TestPki.get().leaf("shared", "localhost"), pool);
        return new ProxyConfig(c.listeners(), c.pools(), c.limits(), c.admin(), c.accessLog(),
                secret == null ? null : new TicketConfig(secret, null, Duration.ofHours(12)));
    }

    private PoolConfig pool() throws Exception {
        TestBackend b = TestBackend.start("b0");
        backends.add(b);
        return ProxyConfigs.pool("web", PolicyKind.ROUND_ROBIN, List.of(b));
    }

    /** openssl s_client through the L4 tier: one request; saves or reuses the session (ticket) in {@code session}. */
    private static Exec.Result request(int port, Path session, boolean reuse) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-tls1_2", "-CAfile", TestPki.get().caPem.toString(), "-ign_eof",
                reuse ? "-sess_in" : "-sess_out", session.toString()));
        byte[] get = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Exec.Result r = Exec.run(Duration.ofSeconds(20), get, cmd);
        assertThat(r.out()).as(r.err()).contains("HTTP/1.1 200").contains("Verify return code: 0 (ok)");
        return r;
    }

    @Test
    void aTicketFromOneInstanceResumesOnTheOtherAndAnotherSecretFallsBackToFull() throws Exception {
        Path secret = secretFile("same");
        PoolConfig pool = pool();
        Instance one = start(config(secret, pool));
        Instance two = start(config(secret, pool));
        Instance stranger = start(config(secretFile("other"), pool));
        Path session = TestPki.get().dir.resolve("shared-ticket.pem");

        L4RoundRobin l4 = new L4RoundRobin(List.of(one.port(), two.port()));
        others.add(l4);
        assertThat(request(l4.port(), session, false).out()).contains("New, TLSv1.2");
        assertThat(request(l4.port(), session, true).out()).contains("Reused, TLSv1.2");
        assertThat(l4.chosen).containsExactly(one.port(), two.port());
        assertThat(one.handshakes()).extracting(TlsFacts::resumed).containsExactly(false);
        // Instance two never saw this session: only the ticket, sealed under keys it derives itself.
        assertThat(two.handshakes()).extracting(TlsFacts::resumed).containsExactly(true);

        // RFC 5077 §3.1: a ticket the server cannot open is ignored and a full handshake follows.
        L4RoundRobin toStranger = new L4RoundRobin(List.of(stranger.port()));
        others.add(toStranger);
        assertThat(request(toStranger.port(), session, true).out()).contains("New, TLSv1.2");
        assertThat(stranger.handshakes()).extracting(TlsFacts::resumed).containsExactly(false);
    }

    @Test
    void aKilledInstanceCostsItsClientsAReconnectThatStillResumes() throws Exception {
        Path secret = secretFile("failover");
        PoolConfig pool = pool();
        Instance one = start(config(secret, pool));
        Instance two = start(config(secret, pool));
        L4RoundRobin l4 = new L4RoundRobin(List.of(one.port(), two.port()));
        others.add(l4);
        Path session = TestPki.get().dir.resolve("failover-ticket.pem");
        assertThat(request(l4.port(), session, false).out()).contains("New, TLSv1.2");
        one.server().stop(Duration.ZERO);
        // The L4 tier's next pick is the dead instance; it skips it, and the ticket opens on the survivor.
        for (int i = 0; i < 2; i++) {
            assertThat(request(l4.port(), session, true).out()).contains("Reused, TLSv1.2");
        }
        assertThat(two.handshakes()).extracting(TlsFacts::resumed).containsExactly(true, true);
    }

    @Test
    void theConsistentHashPicksTheSameBackendOnEveryInstance() throws Exception {
        List<TestBackend> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestBackend b = TestBackend.start("h" + i);
            backends.add(b);
            three.add(b);
        }
        PoolConfig base = ProxyConfigs.pool("web", PolicyKind.IP_HASH, three);
        PoolConfig byUser = new PoolConfig(base.name(), base.policy(), "header:X-User", base.backends(), base.health(),
                base.passive(), base.slowStart(), base.timeouts(), base.keepAlive(), base.tls());
        Instance one = start(config(null, byUser));
        Instance two = start(config(null, byUser));
        List<String> fromOne = picks(one.port());
        assertThat(picks(two.port())).isEqualTo(fromOne);
        assertThat(fromOne).as("the keys spread over the back ends").contains("h0", "h1", "h2");
    }

    private static List<String> picks(int port) throws Exception {
        List<String> served = new ArrayList<>();
        try (RawTls c = RawTls.connect(port, "localhost")) {
            for (int user = 0; user < 30; user++) {
                String response = c.send("GET / HTTP/1.1\r\nHost: localhost\r\nX-User: user-" + user + "\r\n\r\n").readResponse();
                assertThat(response).startsWith("HTTP/1.1 200 ");
                served.add(response.substring(response.indexOf("\r\n\r\n") + 4));
            }
        }
        return served;
    }

    @Test
    void aShortOrPlaceholderSecretStopsTheStartWithTheSettingNamed() throws Exception {
        PoolConfig pool = pool();
        Path shortSecret = TestPki.get().dir.resolve("short.ticket-secret");
        Files.writeString(shortSecret, "too-short\n");
        assertThatThrownBy(() -> start(config(shortSecret, pool))).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("tickets.secret_file " + shortSecret).hasMessageContaining("at least 32");
        Path placeholder = TestPki.get().dir.resolve("placeholder.ticket-secret");
        Files.writeString(placeholder, "x".repeat(40));
        assertThatThrownBy(() -> start(config(placeholder, pool))).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("placeholder");
        assertThat(proxies).isEmpty();
    }
}
