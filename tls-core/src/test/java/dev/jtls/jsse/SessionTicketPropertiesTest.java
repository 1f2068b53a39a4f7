package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SunJSSE's switches {@code jdk.tls.client.enableSessionTicketExtension} and
 * {@code jdk.tls.server.enableSessionTicketExtension}, read when a context is initialised: "false" on
 * either side means no tickets, so a session the server's one-entry id cache has dropped cannot be
 * resumed (with tickets it is).
 */
class SessionTicketPropertiesTest {
    private static SSLContext withProperty(String name, String value, Supplier<SSLContext> make) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return make.get();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    /** Whether the second connection from {@code c} resumed after a filler pushed the session out of the id cache. */
    private static boolean resumedWithoutTheIdCache(SSLContext c, SSLContext s) throws Exception {
        s.getServerSessionContext().setSessionCacheSize(1);
        EngineLink first = new EngineLink(c.createSSLEngine("localhost", 8443), s.createSSLEngine());
        first.run();
        new EngineLink(TestPki.jtlsClient().createSSLEngine("localhost", 9443), s.createSSLEngine()).run();
        EngineLink second = new EngineLink(c.createSSLEngine("localhost", 8443), s.createSSLEngine());
        second.run();
        assertThat(second.client.getSession().isValid()).isTrue();
        boolean resumed = java.util.Arrays.equals(second.client.getSession().getId(), first.client.getSession().getId());
        // A resumption sends no certificate: far fewer bytes from the server.
        assertThat(second.serverBytes() < first.serverBytes() / 2).isEqualTo(resumed);
        return resumed;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdk.tls.client.enableSessionTicketExtension", "jdk.tls.server.enableSessionTicketExtension"})
    void falseTurnsTicketsOffForThatRole(String property) throws Exception {
        assertThat(resumedWithoutTheIdCache(TestPki.jtlsClient(), TestPki.jtlsServer())).as("tickets on by default").isTrue();
        boolean client = property.contains(".client.");
        SSLContext c = client ? withProperty(property, "false", TestPki::jtlsClient) : TestPki.jtlsClient();
        SSLContext s = client ? TestPki.jtlsServer() : withProperty(property, "false", TestPki::jtlsServer);
        assertThat(resumedWithoutTheIdCache(c, s)).as("no ticket").isFalse();
    }
}
