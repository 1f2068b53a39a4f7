package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

/** How failures come out of the jtls engine: exception first, then the fatal alert on the next wrap. */
class EngineFailureTest {
    /** A record changed in flight: bad_record_mac (RFC 5246 §7.2.2), sent to the peer after the exception. */
    @Test
    void corruptedRecordAfterTheHandshake() throws Exception {
        EngineLink l = new EngineLink(TestPki.jtlsClient().createSSLEngine("localhost", 443), TestPki.sunServer().createSSLEngine());
        l.run();
        ByteBuffer net = ByteBuffer.allocate(20000);
        l.server.wrap(ByteBuffer.wrap(new byte[100]), net);
        net.put(net.position() - 3, (byte) (net.get(net.position() - 3) ^ 1));
        net.flip();
        assertThatThrownBy(() -> l.client.unwrap(net, ByteBuffer.allocate(20000))).isInstanceOf(SSLException.class)
                .isNotInstanceOf(SSLHandshakeException.class).hasMessageStartingWith("jtls sent a fatal bad_record_mac alert: ");
        assertThat(l.client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        assertThat(l.client.isInboundDone()).isTrue();
        assertThat(l.client.isOutboundDone()).isFalse();
        ByteBuffer alert = ByteBuffer.allocate(20000);
        SSLEngineResult r = l.client.wrap(ByteBuffer.wrap(new byte[10]), alert);
        assertThat(r.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(r.bytesConsumed()).isZero();
        assertThat(r.bytesProduced()).isPositive();
        assertThat(l.client.isOutboundDone()).isTrue();
        alert.flip();
        assertThatThrownBy(() -> l.server.unwrap(alert, ByteBuffer.allocate(20000))).isInstanceOf(SSLException.class)
                .hasMessageContaining("bad_record_mac");
    }

    /** A refusal inside the delegated task: the next call throws, the alert waits (NEED_WRAP), then CLOSED. */
    @Test
    void trustFailureInTheDelegatedTask() throws Exception {
        SSLContext c = TestPki.jtls(List.of(), List.of(TestPki.OTHER_CA.certificate()));
        EngineLink l = new EngineLink(c.createSSLEngine("localhost", 443), TestPki.sunServer().createSSLEngine());
        ByteBuffer toServer = ByteBuffer.allocate(20000);
        l.client.wrap(ByteBuffer.allocate(0), toServer);
        toServer.flip();
        ByteBuffer toClient = ByteBuffer.allocate(20000);
        l.server.unwrap(toServer, ByteBuffer.allocate(20000));
        EngineLink.runTasks(l.server);
        while (l.server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            l.server.wrap(ByteBuffer.allocate(0), toClient);
        }
        toClient.flip();
        Runnable failing = null;
        while (toClient.hasRemaining() && failing == null) {
            SSLEngineResult r = l.client.unwrap(toClient, ByteBuffer.allocate(20000));
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                Runnable task = l.client.getDelegatedTask();
                assertThat(task).isNotNull();
                assertThat(l.client.getDelegatedTask()).isNull();
                task.run();
                if (l.client.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    failing = task;
                }
            }
        }
        assertThat(failing).as("a task that ended in a failure").isNotNull();
        assertThatThrownBy(() -> l.client.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(20000)))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("unknown_ca");
        ByteBuffer alert = ByteBuffer.allocate(20000);
        SSLEngineResult r = l.client.wrap(ByteBuffer.allocate(0), alert);
        assertThat(r.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(alert.position()).isEqualTo(7);
        assertThat(alert.get(6)).isEqualTo((byte) 48);
        assertThat(l.client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
    }

    /** A plain X509KeyManager (not extended) on a jtls server: asked by key type, without the engine. */
    @Test
    void plainKeyManagerOnTheServer() throws Exception {
        X509KeyManager inner = (X509KeyManager) TestPki.keyManagers(TestPki.SERVER_KEYS)[0];
        List<String> asked = new java.util.ArrayList<>();
        X509KeyManager plain = new X509KeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return inner.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return inner.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return inner.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                asked.add(keyType);
                return inner.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return inner.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return inner.getPrivateKey(alias);
            }
        };
        SSLContext server = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        server.init(new KeyManager[] {plain}, TestPki.trustManagers(TestPki.TRUST), null);
        for (String suite : List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")) {
            EngineLink l = new EngineLink(TestPki.sunClient().createSSLEngine("localhost", 443), server.createSSLEngine());
            l.client.setEnabledCipherSuites(new String[] {suite});
            l.run();
            assertThat(l.client.getSession().getCipherSuite()).isEqualTo(suite);
            assertThat(l.client.getSession().getPeerCertificates()[0])
                    .isEqualTo(suite.contains("ECDSA") ? TestPki.SERVER_EC.certificate() : TestPki.SERVER_RSA.certificate());
        }
        assertThat(asked).containsSubsequence("EC", "RSA");
    }
}
