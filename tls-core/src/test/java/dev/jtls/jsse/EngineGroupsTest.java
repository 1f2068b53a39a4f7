package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.ClientHello;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.record.TlsReader;
import java.nio.ByteBuffer;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * The groups a jtls engine offers follow its SSLParameters as SunJSSE's do: algorithm constraints
 * that forbid a group by name, and (Java 20+) the named-groups list.
 */
class EngineGroupsTest {

    /** Permits key agreement only on the groups named; everything else as usual. */
    private static AlgorithmConstraints onlyGroups(Set<String> allowed) {
        return new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
                return !primitives.equals(Set.of(CryptoPrimitive.KEY_AGREEMENT)) || allowed.contains(algorithm);
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                                   AlgorithmParameters parameters) {
                return true;
            }
        };
    }

    /** The ClientHello the engine writes first. */
    private static ClientHello hello(SSLEngine client) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.beginHandshake();
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        out.position(5 + 4); // record header, handshake header
        byte[] body = new byte[out.remaining()];
        out.get(body);
        return ClientHello.decode(new TlsReader(body));
    }

    private static List<NamedGroupId> offered(SSLEngine client) throws Exception {
        return hello(client).extensionsOrEmpty().supportedGroups().groups();
    }

    @Test
    void algorithmConstraintsRemoveSignatureSchemesByTheirIanaName() throws Exception {
        SSLEngine c = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setAlgorithmConstraints(new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
                return !primitives.equals(Set.of(CryptoPrimitive.SIGNATURE))
                        || Set.of("ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256").contains(algorithm);
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                                   AlgorithmParameters parameters) {
                return true;
            }
        });
        c.setSSLParameters(p);
        assertThat(hello(c).extensionsOrEmpty().signatureAlgorithms().schemes()).containsExactly(
                SignatureSchemeId.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                SignatureSchemeId.of(SignatureScheme.RSA_PKCS1_SHA256));
    }

    @Test
    void algorithmConstraintsRemoveGroupsByTheirIanaName() throws Exception {
        SSLEngine c = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setAlgorithmConstraints(onlyGroups(Set.of("secp384r1", "secp256r1")));
        c.setSSLParameters(p);
        assertThat(offered(c)).containsExactly(NamedGroupId.of(NamedGroup.SECP256R1), NamedGroupId.of(NamedGroup.SECP384R1));
    }

    @Test
    void aHandshakeOverTheAllowedGroupCompletes() throws Exception {
        SSLEngine c = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        SSLParameters p = c.getSSLParameters();
        p.setAlgorithmConstraints(onlyGroups(Set.of("secp521r1")));
        c.setSSLParameters(p);
        EngineLink l = new EngineLink(c, TestPki.sunServer().createSSLEngine());
        l.run();
        assertThat(l.client.getSession().getCipherSuite()).startsWith("TLS_ECDHE_");
    }

    @Test
    void noGroupLeftIsAClearHandshakeFailure() throws Exception {
        SSLEngine c = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setAlgorithmConstraints(onlyGroups(Set.of()));
        c.setSSLParameters(p);
        assertThatThrownBy(() -> offered(c)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No appropriate named group");
    }

    @Test
    void theNamedGroupsListIsHonouredWhereJavaHasIt() throws Exception {
        SSLEngine c = TestPki.jtlsClient().createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        boolean api;
        try {
            SSLParameters.class.getMethod("setNamedGroups", String[].class).invoke(p,
                    (Object) new String[] {"secp521r1", "x25519"});
            api = true;
        } catch (NoSuchMethodException e) {
            api = false; // Java 17-19: no such API; the engine keeps its defaults
        }
        c.setSSLParameters(p);
        List<NamedGroupId> groups = offered(c);
        if (api) {
            assertThat(EngineGroups.get(c.getSSLParameters())).containsExactly("secp521r1", "x25519");
            assertThat(groups).containsExactly(NamedGroupId.of(NamedGroup.SECP521R1), NamedGroupId.of(NamedGroup.X25519));
        } else {
            assertThat(EngineGroups.get(c.getSSLParameters())).isNull();
            assertThat(groups).hasSize(dev.jtls.config.TlsConfig.DEFAULT_GROUPS.size());
        }
    }
}
