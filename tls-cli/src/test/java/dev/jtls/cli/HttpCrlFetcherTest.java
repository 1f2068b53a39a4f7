package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `jtls client --crl-fetch`'s HTTP side: plain http, a size cap, no redirects (RFC 5280 §4.2.1.13). */
class HttpCrlFetcherTest {
    private static final byte[] BODY = new byte[100];
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private HttpServer http;

    @BeforeEach
    void start() throws IOException {
        Arrays.fill(BODY, (byte) 0x30);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.createContext("/ok.crl", ex -> {
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY);
            ex.close();
        });
        http.createContext("/chunked.crl", ex -> {
            ex.sendResponseHeaders(200, 0); // no Content-Length: the cap must hold while reading
            ex.getResponseBody().write(BODY);
            ex.close();
        });
        http.createContext("/moved.crl", ex -> {
            ex.getResponseHeaders().add("Location", url("/ok-elsewhere.crl").toString());
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        http.createContext("/ok-elsewhere.crl", ex -> {
            redirectTargetHits.incrementAndGet();
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY);
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    @Test
    void fetchesTheBodyWithinTheCap() throws IOException {
        assertThat(new HttpCrlFetcher(Duration.ofSeconds(5), BODY.length).fetch(url("/ok.crl"))).isEqualTo(BODY);
        assertThat(new HttpCrlFetcher(Duration.ofSeconds(5), BODY.length).fetch(url("/chunked.crl"))).isEqualTo(BODY);
    }

    @Test
    void refusesABodyOverTheCapWithOrWithoutContentLength() {
        HttpCrlFetcher tiny = new HttpCrlFetcher(Duration.ofSeconds(5), 16);
        assertThatThrownBy(() -> tiny.fetch(url("/ok.crl"))).isInstanceOf(IOException.class)
                .hasMessageContaining("the cap is 16");
        assertThatThrownBy(() -> tiny.fetch(url("/chunked.crl"))).isInstanceOf(IOException.class)
                .hasMessageContaining("over the cap of 16 bytes");
    }

    @Test
    void followsNoRedirectAndFetchesOnlyHttp() {
        HttpCrlFetcher fetcher = new HttpCrlFetcher(Duration.ofSeconds(5), 1 << 20);
        assertThatThrownBy(() -> fetcher.fetch(url("/moved.crl"))).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 302");
        assertThat(redirectTargetHits).hasValue(0);
        assertThatThrownBy(() -> fetcher.fetch(URI.create("ldap://ldap.example.com/cn=CA?certificateRevocationList")))
                .isInstanceOf(IOException.class).hasMessageContaining("only http");
        assertThatThrownBy(() -> new HttpCrlFetcher(Duration.ofSeconds(5), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
