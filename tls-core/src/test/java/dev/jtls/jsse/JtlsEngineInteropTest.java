package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jtls SSLEngine against SunJSSE's, in both roles, for suites of every kind jtls has (ECDHE with
 * RSA and ECDSA, RSA key exchange, AES-GCM, ChaCha20-Poly1305, CBC): handshake, 300 KB each way
 * compared byte for byte, FINISHED reported exactly once on each side, close_notify both ways.
 */
class JtlsEngineInteropTest {
    static Stream<Arguments> suites() {
        String[] suites = {
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        };
        return Stream.of(suites).flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    /** Both ends jtls engines, every suite jtls has. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allSuites")
    void jtlsToJtls(String suite) throws Exception {
        SSLEngine client = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        SSLEngine server = TestPki.jtlsServer().createSSLEngine();
        client.setEnabledCipherSuites(new String[] {suite});
        EngineLink link = new EngineLink(client, server);
        link.run();
        assertThat(client.getSession().getCipherSuite()).isEqualTo(suite);
        assertThat(server.getSession().getCipherSuite()).isEqualTo(suite);
        byte[] up = random(70_000, 12);
        link.send(ByteBuffer.wrap(up), ByteBuffer.wrap(up));
        link.run();
        assertThat(received(link.serverIn)).isEqualTo(up);
        assertThat(received(link.clientIn)).isEqualTo(up);
        assertThat(EngineLink.count(link.clientResults, SSLEngineResult.HandshakeStatus.FINISHED)).isEqualTo(1);
        assertThat(EngineLink.count(link.serverResults, SSLEngineResult.HandshakeStatus.FINISHED)).isEqualTo(1);
    }

    static Stream<String> allSuites() {
        return Stream.of(JtlsSSLContext.supportedCipherSuites());
    }

    @ParameterizedTest(name = "{0}, jtls client: {1}")
    @MethodSource("suites")
    void handshakeDataAndClose(String suite, boolean jtlsIsClient) throws Exception {
        SSLContext clientCtx = jtlsIsClient ? TestPki.jtlsClient() : TestPki.sunClient();
        SSLContext serverCtx = jtlsIsClient ? TestPki.sunServer() : TestPki.jtlsServer();
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        SSLEngine server = serverCtx.createSSLEngine();
        client.setEnabledCipherSuites(new String[] {suite});
        server.setEnabledCipherSuites(new String[] {suite});
        EngineLink link = new EngineLink(client, server);
        assertThat((jtlsIsClient ? client : server)).isInstanceOf(JtlsSSLEngine.class);

        link.run();

        assertThat(client.getSession().getCipherSuite()).isEqualTo(suite);
        assertThat(server.getSession().getCipherSuite()).isEqualTo(suite);
        assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(client.getSession().getPeerCertificates()[0]).isIn(TestPki.SERVER_EC.certificate(),
                TestPki.SERVER_RSA.certificate());
        assertThat(server.getSession().getLocalCertificates()[0]).isEqualTo(client.getSession().getPeerCertificates()[0]);
        assertThat(EngineLink.count(link.clientResults, SSLEngineResult.HandshakeStatus.FINISHED)).isEqualTo(1);
        assertThat(EngineLink.count(link.serverResults, SSLEngineResult.HandshakeStatus.FINISHED)).isEqualTo(1);
        assertThat(client.getHandshakeStatus()).isEqualTo(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
        assertThat(server.getHandshakeStatus()).isEqualTo(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
        // The jtls side handed its handshake work to delegated tasks.
        assertThat(EngineLink.count(jtlsIsClient ? link.clientResults : link.serverResults,
                SSLEngineResult.HandshakeStatus.NEED_TASK)).isPositive();

        byte[] up = random(300_000, 1);
        byte[] down = random(300_000, 2);
        link.send(ByteBuffer.wrap(up), ByteBuffer.wrap(down));
        link.run();
        assertThat(received(link.serverIn)).isEqualTo(up);
        assertThat(received(link.clientIn)).isEqualTo(down);

        client.closeOutbound();
        link.run();
        assertThat(client.isOutboundDone()).isTrue();
        assertThat(server.isInboundDone()).isTrue();
        assertThat(server.isOutboundDone()).isTrue();
        assertThat(client.isInboundDone()).isTrue();
        assertThat(link.serverResults.get(link.serverResults.size() - 1).getStatus()).isEqualTo(SSLEngineResult.Status.CLOSED);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] received(ByteBuffer in) {
        ByteBuffer d = in.duplicate();
        d.flip();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }
}
