package dev.jtls.jsse;

import static dev.jtls.jsse.EnginePeers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jtls provider's own socket factories (EngineSocket over JtlsSSLEngine): 16 MiB each way at
 * once with digests and a clean close, jtls in both roles and against the JDK's sockets, and
 * {@code HttpsURLConnection} over the jtls socket factory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JtlsSocketTest {
    static SSLContext jtls(boolean withServerKey) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (withServerKey) {
            ks.setKeyEntry("k", SERVER.privateKey(), new char[0], new Certificate[] {SERVER.certificate(), CA.certificate()});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, new char[0]);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static byte[] duplex(Socket s, byte[] data, int chunk) throws Exception {
        OutputStream out = s.getOutputStream();
        CompletableFuture<Void> writer = async(() -> {
            for (int off = 0; off < data.length; off += chunk) {
                out.write(data, off, Math.min(chunk, data.length - off));
            }
            out.flush();
            return null;
        });
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        InputStream in = s.getInputStream();
        byte[] buf = new byte[32_768];
        long total = 0;
        while (total < data.length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, data.length - total));
            assertThat(n).isPositive();
            sha.update(buf, 0, n);
            total += n;
        }
        await(writer);
        return sha.digest();
    }

    /** 0: jtls both; 1: jtls client, JDK server; 2: JDK client, jtls server. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void duplexAndClose(int pairing) throws Exception {
        SSLContext jc = jtls(false), js = jtls(true);
        byte[] a = bytes(16 << 20, 1), b = bytes(16 << 20, 2);
        try (ServerSocket server = pairing == 1 ? jdkServer(SERVER_CTX)
                : js.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK)) {
            CompletableFuture<byte[]> got = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    byte[] d = duplex(s, b, 65_536);
                    assertThat(s.getInputStream().read()).isEqualTo(-1);
                    return d;
                }
            });
            try (SSLSocket c = pairing == 2 ? jdkClient(CLIENT_CTX, server.getLocalPort())
                    : (SSLSocket) jc.getSocketFactory().createSocket("localhost", server.getLocalPort())) {
                assertThat(duplex(c, a, 100_003)).isEqualTo(sha256(b));
                assertThat(c.getSession().getProtocol()).isEqualTo("TLSv1.2");
                c.shutdownOutput();
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(await(got)).isEqualTo(sha256(a));
        }
    }

    @Test
    void httpsUrlConnection() throws Exception {
        HttpsServer http = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        http.setHttpsConfigurator(new HttpsConfigurator(SERVER_CTX));
        byte[] body = bytes(300_000, 5);
        http.createContext("/d", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        http.setExecutor(POOL);
        http.start();
        try {
            HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + http.getAddress().getPort() + "/d").openConnection();
            c.setSSLSocketFactory(jtls(false).getSocketFactory());
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getCipherSuite()).startsWith("TLS_ECDHE_");
            try (InputStream in = c.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        } finally {
            http.stop(0);
        }
    }
}
