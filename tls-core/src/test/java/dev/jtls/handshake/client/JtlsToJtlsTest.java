package dev.jtls.handshake.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.testing.Pump;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** jtls client ↔ jtls server in memory: every suite × group, resumption by id and ticket, client auth. */
class JtlsToJtlsTest {
    static CertifiedKey key(dev.jtls.testing.TestCerts.Issued leaf, dev.jtls.testing.TestCerts.Issued ca) {
        return new CertifiedKey(List.of(leaf.certificate(), ca.certificate()), leaf.privateKey());
    }

    static TlsConfig.Builder server() {
        return TlsConfig.builder().certifiedKey(key(JssePeer.RSA_LEAF, JssePeer.CA)).certifiedKey(key(JssePeer.EC_LEAF, JssePeer.CA))
                .alpnSelector(dev.jtls.config.AlpnSelector.preferring(List.of("h2", "http/1.1")))
                .trust(new PinnedTrustVerifier(List.of(JssePeer.CLIENT_CA.certificate()), Clock.systemUTC()));
    }

    static Negotiated negotiated(TlsConnection c) {
        for (HandshakeEvent e : c.events()) {
            if (e instanceof Negotiated) {
                return (Negotiated) e;
            }
        }
        throw new AssertionError("no Negotiated in " + c.events());
    }

    static void pump(TlsConnection client, TlsConnection server, ByteBuffer cin, ByteBuffer sin) throws Exception {
        Pump.run(Pump.of(client, cin), Pump.of(server, sin), 10_000);
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            if (s.keyExchange() == CipherSuite.KeyExchange.RSA) {
                out.add(Arguments.of(s, null));
            } else {
                for (NamedGroup g : NamedGroup.values()) {
                    out.add(Arguments.of(s, g));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void everySuiteAndGroup(CipherSuite suite, NamedGroup group) throws Exception {
        TlsConfig.Builder cb = ClientJsseHandshakeTest.config().cipherSuites(List.of(suite)).alpnProtocols(List.of("http/1.1", "h2"));
        if (group != null) {
            cb.groups(suite.authentication() == CipherSuite.Authentication.ECDSA && group != NamedGroup.SECP256R1
                    ? List.of(group, NamedGroup.SECP256R1) : List.of(group));
        }
        TlsConnection client = TlsConnection.client(cb.build(), JssePeer.HOST, 443);
        TlsConnection server = TlsConnection.server(server().build());
        ByteBuffer cin = ByteBuffer.allocate(1 << 21);
        ByteBuffer sin = ByteBuffer.allocate(1 << 21);
        pump(client, server, cin, sin);
        assertThat(client.failure()).isNull();
        assertThat(server.failure()).isNull();
        assertThat(client.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(server.status()).isEqualTo(TlsConnection.Status.CONNECTED);
        assertThat(negotiated(client).suite()).isEqualTo(suite);
        assertThat(negotiated(server).suite()).isEqualTo(suite);
        assertThat(negotiated(client).group()).isEqualTo(negotiated(server).group());
        assertThat(negotiated(client).alpn()).isEqualTo("h2");
        byte[] up = new byte[1 << 20];
        byte[] down = new byte[1 << 20];
        new Random(1).nextBytes(up);
        new Random(2).nextBytes(down);
        client.write(ByteBuffer.wrap(up));
        server.write(ByteBuffer.wrap(down));
        pump(client, server, cin, sin);
        assertThat(java.util.Arrays.copyOf(sin.array(), sin.position())).isEqualTo(up);
        assertThat(java.util.Arrays.copyOf(cin.array(), cin.position())).isEqualTo(down);
    }

    @Test
    void resumptionByIdAndByTicketAndClientAuth() throws Exception {
        for (boolean tickets : new boolean[] {false, true}) {
            TlsConfig serverConfig = server().clientAuth(ClientAuth.NEED).sessionTickets(tickets).build();
            TlsConfig clientConfig = ClientJsseHandshakeTest.config().sessionTickets(tickets)
                    .certifiedKey(key(JssePeer.CLIENT_EC, JssePeer.CLIENT_CA)).build();
            for (int i = 0; i < 3; i++) {
                TlsConnection client = TlsConnection.client(clientConfig, JssePeer.HOST, 443);
                TlsConnection server = TlsConnection.server(serverConfig);
                pump(client, server, ByteBuffer.allocate(1 << 16), ByteBuffer.allocate(1 << 16));
                assertThat(client.failure()).as("client, tickets " + tickets + " #" + i).isNull();
                assertThat(server.failure()).as("server, tickets " + tickets + " #" + i).isNull();
                assertThat(negotiated(client).resumed()).as("client resumed #" + i).isEqualTo(i > 0);
                assertThat(negotiated(server).resumed()).as("server resumed #" + i).isEqualTo(i > 0);
            }
        }
    }
}
