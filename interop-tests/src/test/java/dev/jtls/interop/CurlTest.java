package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.AlpnSelector;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.HttpResponder.Conn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * curl as an HTTPS client of a jtls server that speaks minimal HTTP/1.1 ({@link HttpResponder}):
 * several URLs in one curl run share one connection (keep-alive), ALPN http/1.1 and the
 * certificate are seen by curl ({@code -v}) and the requests, connection count and ALPN by jtls.
 */
class CurlTest {
    static final Matrix MATRIX = new Matrix("curl-1-jtls-server", "curl → jtls HTTP/1.1 server",
            "Each line was checked on both sides: curl's `-v` output and bodies, and the jtls server's view.");

    @BeforeAll
    static void begin() {
        MATRIX.begin();
    }

    @AfterAll
    static void write() {
        MATRIX.note("Resumption across curl invocations cannot be tested: the curl command line keeps no session "
                + "between runs (no session file option); within one run curl reuses the connection itself.");
        MATRIX.write();
    }

    @Test
    void keepAliveAlpnAndSni() throws Exception {
        MATRIX.checked("curl --http1.1 url1 url2 url3: one TLS connection (`Re-using existing connection`), ALPN http/1.1 "
                + "accepted on both sides, SNI localhost, certificate verified by curl against the test root, 3 bodies", () -> {
            TestPki pki = TestPki.get();
            try (HttpResponder http = new HttpResponder(OpenSslClientTest.serverConfig()
                    .alpnSelector(AlpnSelector.preferring(List.of("h2", "http/1.1"))).build())) {
                String base = "https://localhost:" + http.port();
                List<String> args = new ArrayList<>(List.of("-v", "-sS", "--http1.1", "--cacert", pki.rootPem.toString(),
                        "--resolve", "localhost:" + http.port() + ":127.0.0.1", base + "/a", base + "/b", base + "/c"));
                Peer curl = Curl.run("curl", args);
                String err = curl.stderrText();
                assertThat(curl.awaitExit(OpenSsl.RUN)).as(curl.describe()).isZero();
                assertThat(curl.stdoutText()).isEqualTo("path=/a request=1 connection=1\npath=/b request=2 connection=1\n"
                        + "path=/c request=3 connection=1\n");
                assertThat(err).as(err).contains("ALPN: server accepted http/1.1", "SSL connection using TLSv1.2 / ",
                        "SSL certificate verify ok.").containsPattern("Re-using existing connection!? #0 with host localhost");
                Conn c = http.next(30);
                assertThat(c).as("jtls saw the connection end").isNotNull();
                assertThat(c.error()).isNull();
                assertThat(c.paths()).containsExactly("/a", "/b", "/c");
                assertThat(c.negotiated().alpn()).isEqualTo("http/1.1");
                assertThat(c.negotiated().serverName()).isEqualTo("localhost");
                assertThat(c.negotiated().extendedMasterSecret()).isTrue();
                assertThat(http.next(1)).as("no second connection").isNull();
            }
        });
    }

    @Test
    void eachSuiteCurlOffersThatJtlsHas() throws Exception {
        // curl takes OpenSSL cipher names (--ciphers); one connection per jtls suite OpenSSL has.
        TestPki pki = TestPki.get();
        try (HttpResponder http = new HttpResponder(OpenSslClientTest.serverConfig().build())) {
            for (CipherSuite suite : CipherSuite.defaultOrder()) {
                String name = OpenSsl.suiteName(suite);
                if (name == null) {
                    MATRIX.feature("curl --ciphers " + suite.standardName(), "refused: " + OpenSsl.refusal(suite));
                    continue;
                }
                MATRIX.checked("curl --ciphers " + name + " → jtls: `SSL connection using TLSv1.2 / " + name + "`, jtls "
                        + "negotiated " + suite.standardName(), () -> {
                    String url = "https://localhost:" + http.port() + "/" + name;
                    Peer curl = Curl.run("curl --ciphers", List.of("-v", "-sS", "--http1.1", "--tlsv1.2", "--tls-max", "1.2",
                            "--ciphers", name, "--cacert", pki.rootPem.toString(),
                            "--resolve", "localhost:" + http.port() + ":127.0.0.1", url));
                    assertThat(curl.awaitExit(OpenSsl.RUN)).as(curl.describe()).isZero();
                    assertThat(curl.stderrText()).contains("SSL connection using TLSv1.2 / " + name + "\n");
                    assertThat(curl.stdoutText()).isEqualTo("path=/" + name + " request=1 connection=" + curlConnection(http, suite)
                            + "\n");
                });
            }
        }
    }

    /** The jtls side of the connection curl just made: its number, after checking it saw one request. */
    private static int curlConnection(HttpResponder http, CipherSuite suite) throws InterruptedException {
        Conn c = http.next(30);
        assertThat(c).isNotNull();
        assertThat(c.error()).isNull();
        assertThat(c.paths()).hasSize(1);
        assertThat(c.negotiated().suite()).isEqualTo(suite);
        assertThat(c.negotiated().extendedMasterSecret()).isTrue();
        return c.number();
    }
}
