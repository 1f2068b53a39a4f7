package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.Profile;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.testing.AnyChain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The ALPACA defences and server profiles: strict SNI (RFC 6066 §3 unrecognized_name), strict
 * ALPN (RFC 7301 §3.2 no_application_protocol), and the modern profile's suites, each against a
 * jtls client in memory.
 */
class StrictModesTest {
    private static final String OTHER = "other.test";

    /** Runs a handshake; returns the server's failure, or null if both sides connected. */
    private static TlsAlertException handshake(TlsConfig server, TlsConfig client, String sni) {
        TlsConnection c = TlsConnection.client(client, JssePeer.HOST, 443, sni);
        TlsConnection s = TlsConnection.server(server);
        try {
            JtlsToJtlsTest.pump(c, s, ByteBuffer.allocate(1 << 16), ByteBuffer.allocate(1 << 16));
        } catch (Exception e) {
            // recorded in the connections' failures
        }
        if (s.failure() == null) {
            assertThat(c.status()).as("client").isEqualTo(TlsConnection.Status.CONNECTED);
            assertThat(s.status()).as("server").isEqualTo(TlsConnection.Status.CONNECTED);
            return null;
        }
        // The client heard the server's alert.
        ByteBuffer alert = ByteBuffer.allocate(1024);
        s.takeOutgoing(alert);
        alert.flip();
        try {
            c.receive(alert);
        } catch (TlsAlertException expected) {
            // checked below
        }
        assertThat(c.failure()).as("client").isNotNull();
        assertThat(c.failure().description()).isEqualTo(s.failure().description());
        return s.failure();
    }

    private static TlsConfig.Builder client() {
        return ClientJsseHandshakeTest.config();
    }

    /** Trusts the server whatever name it is reached by: the server's SNI check is under test, not the client's. */
    private static TlsConfig.Builder anyNameClient() {
        return client().trust(AnyChain.INSTANCE);
    }

    // ---- strict SNI ----

    @Test
    void strictSniRefusesANameNoCertificateHas() {
        TlsAlertException f = handshake(JtlsToJtlsTest.server().strictSni(true).build(), anyNameClient().build(), OTHER);
        assertThat(f).isNotNull();
        assertThat(f.description()).isEqualTo(AlertDescription.UNRECOGNIZED_NAME);
        assertThat(f.getMessage()).contains(OTHER);
    }

    @Test
    void strictSniServesAKnownNameAndAClientWithoutSni() {
        TlsConfig server = JtlsToJtlsTest.server().strictSni(true).build();
        assertThat(handshake(server, client().build(), JssePeer.HOST)).isNull();
        assertThat(handshake(server, client().build(), null)).isNull();
    }

    @Test
    void withoutStrictSniAnUnknownNameIsServed() {
        assertThat(JtlsToJtlsTest.server().build().strictSni()).isFalse();
        assertThat(handshake(JtlsToJtlsTest.server().build(), anyNameClient().build(), OTHER)).isNull();
    }

    // ---- strict ALPN ----

    private static final AlpnSelector DECLINES_UNKNOWN = (name, offered) -> offered.contains("h2") ? "h2" : null;

    @Test
    void strictAlpnRefusesAListWithNothingInCommonEvenWhereTheSelectorWouldDecline() {
        TlsConfig server = JtlsToJtlsTest.server().alpnSelector(DECLINES_UNKNOWN).strictAlpn(true).build();
        TlsAlertException f = handshake(server, client().alpnProtocols(List.of("imap")).build(), JssePeer.HOST);
        assertThat(f).isNotNull();
        assertThat(f.description()).isEqualTo(AlertDescription.NO_APPLICATION_PROTOCOL);
        assertThat(f.getMessage()).contains("imap");
    }

    @Test
    void withoutStrictAlpnADecliningSelectorGoesOnWithoutAlpn() {
        TlsConfig server = JtlsToJtlsTest.server().alpnSelector(DECLINES_UNKNOWN).build();
        assertThat(handshake(server, client().alpnProtocols(List.of("imap")).build(), JssePeer.HOST)).isNull();
    }

    @Test
    void strictAlpnWithoutProtocolsRefusesEveryAlpnOfferButServesClientsWithoutAlpn() {
        TlsConfig server = TlsConfig.builder().certifiedKey(JtlsToJtlsTest.key(JssePeer.EC_LEAF, JssePeer.CA))
                .strictAlpn(true).build();
        assertThat(handshake(server, client().alpnProtocols(List.of("h2")).build(), JssePeer.HOST).description())
                .isEqualTo(AlertDescription.NO_APPLICATION_PROTOCOL);
        assertThat(handshake(server, client().build(), JssePeer.HOST)).isNull();
    }

    @Test
    void strictAlpnServesASharedProtocol() {
        TlsConfig server = JtlsToJtlsTest.server().strictAlpn(true).build();
        assertThat(handshake(server, client().alpnProtocols(List.of("imap", "http/1.1")).build(), JssePeer.HOST)).isNull();
    }

    // ---- profiles ----

    @Test
    void theModernProfileMatchesItsGoldenList() throws IOException {
        try (InputStream in = StrictModesTest.class.getResourceAsStream("/profiles/modern.txt")) {
            assertThat(in).as("profiles/modern.txt").isNotNull();
            List<String> golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toList());
            assertThat(Profile.MODERN.cipherSuites().stream().map(CipherSuite::standardName)).containsExactlyElementsOf(golden);
        }
        TlsConfig modern = TlsConfig.builder().profile(Profile.MODERN).build();
        assertThat(modern.strictSni()).isTrue();
        assertThat(modern.strictAlpn()).isTrue();
        assertThat(modern.cipherSuites()).allMatch(s -> s.keyExchange() == CipherSuite.KeyExchange.ECDHE
                && s.protection() instanceof CipherSuite.Aead);
    }

    @Test
    void theDefaultIsTheCompatibleProfileWithRsaKeyExchangeAndCbcLast() {
        TlsConfig defaults = TlsConfig.builder().build();
        assertThat(defaults.cipherSuites()).isEqualTo(Profile.COMPATIBLE.cipherSuites());
        assertThat(defaults.strictSni()).isFalse();
        assertThat(defaults.strictAlpn()).isFalse();
        List<CipherSuite> order = defaults.cipherSuites();
        int firstWeak = 0;
        while (order.get(firstWeak).keyExchange() == CipherSuite.KeyExchange.ECDHE
                && order.get(firstWeak).protection() instanceof CipherSuite.Aead) {
            firstWeak++;
        }
        assertThat(order.subList(firstWeak, order.size())).noneMatch(s -> s.keyExchange() == CipherSuite.KeyExchange.ECDHE
                && s.protection() instanceof CipherSuite.Aead);
        assertThat(order.get(order.size() - 1).keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
    }

    @Test
    void aModernServerRefusesRsaKeyExchangeAndCbcClients() {
        TlsConfig server = JtlsToJtlsTest.server().profile(Profile.MODERN).build();
        for (CipherSuite weak : List.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256)) {
            TlsAlertException f = handshake(server, client().cipherSuites(List.of(weak)).build(), JssePeer.HOST);
            assertThat(f).as(weak.name()).isNotNull();
            assertThat(f.description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        }
        assertThat(handshake(server, client().alpnProtocols(List.of("h2")).build(), JssePeer.HOST)).isNull();
    }

    @Test
    void settingsAfterTheProfileOverrideIt() {
        TlsConfig c = TlsConfig.builder().profile(Profile.MODERN).strictSni(false).build();
        assertThat(c.strictSni()).isFalse();
        assertThat(c.strictAlpn()).isTrue();
    }
}
