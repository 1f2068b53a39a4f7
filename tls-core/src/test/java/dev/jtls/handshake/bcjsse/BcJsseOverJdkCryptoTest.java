package dev.jtls.handshake.bcjsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import dev.jtls.testing.JsseContexts;
import java.security.Provider;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BCJSSE with its default constructor, doing its cryptography through the JDK's JCA providers (no
 * BC JCA provider at all), both roles, every suite × group. It cannot do ChaCha20-Poly1305 this way
 * (its JCA crypto asks for BC's algorithm names): as a server it refuses with handshake_failure
 * ("found no selectable cipher suite among the 1 offered"); as a client offered only that suite
 * it will not start ("IllegalStateException: No usable cipher suites enabled"). Both are asserted.
 * Every other suite × group (x25519 and x448 included) works; the other tests use BC's JCA.
 */
class BcJsseOverJdkCryptoTest {
    static final Provider JDK_CRYPTO_BCJSSE = new BouncyCastleJsseProvider();
    static final SSLContext SERVER = JsseContexts.tls12(JDK_CRYPTO_BCJSSE,
            List.of(BcJsse.entry(BcJsse.RSA_LEAF, BcJsse.CA), BcJsse.entry(BcJsse.EC_LEAF, BcJsse.CA)),
            List.of(BcJsse.CLIENT_CA.certificate()));
    static final SSLContext CLIENT = JsseContexts.tls12(JDK_CRYPTO_BCJSSE, List.of(), List.of(BcJsse.CA.certificate()));

    static Stream<Arguments> suitesAndGroups() {
        return BcJsse.suitesAndGroups();
    }

    static boolean chacha(CipherSuite suite) {
        return suite.protection() instanceof CipherSuite.Aead
                && ((CipherSuite.Aead) suite.protection()).algorithm() == AeadAlgorithm.CHACHA20_POLY1305;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void jtlsClient(CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = BcJsse.jtlsClient().cipherSuites(List.of(suite));
        if (group != null) {
            b.groups(suite.authentication() == CipherSuite.Authentication.ECDSA && group != NamedGroup.SECP256R1
                    ? List.of(group, NamedGroup.SECP256R1) : List.of(group));
        }
        Link l = new Link(TlsConnection.client(b.build(), BcJsse.HOST, 443),
                BcJsse.serverEngine(SERVER, BcJsse.newSniLog())).handshake();
        if (chacha(suite)) {
            assertThat(l.engineFailure).hasMessageContaining("found no selectable cipher suite");
            assertThat(l.jtls.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            return;
        }
        l.connected();
        assertThat(l.negotiated().suite()).isEqualTo(suite);
        assertThat(l.negotiated().group()).isEqualTo(group);
        l.exchange(20_000, suite.ordinal());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suitesAndGroups")
    void jtlsServer(CipherSuite suite, NamedGroup group) {
        TlsConfig.Builder b = BcJsse.jtlsServer();
        if (group != null) {
            b.groups(List.of(group));
        }
        Link l = new Link(TlsConnection.server(b.build()), BcJsse.clientEngine(CLIENT, suite.standardName()));
        if (chacha(suite)) {
            assertThatThrownBy(l::handshake).isInstanceOf(IllegalStateException.class)
                    .hasMessage("No usable cipher suites enabled");
            return;
        }
        l.handshake().connected();
        assertThat(l.negotiated().suite()).isEqualTo(suite);
        assertThat(l.negotiated().group()).isEqualTo(group);
        l.exchange(20_000, suite.ordinal());
    }
}
