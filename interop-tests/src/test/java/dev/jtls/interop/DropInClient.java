package dev.jtls.interop;

import dev.jtls.jsse.JtlsProvider;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * An unchanged JSSE program, run by {@link DropInStoresTest} in its own JVM with the
 * {@code javax.net.ssl.*} properties on its command line: the only jtls line is the provider at
 * position 1. {@code args[0]} picks how it connects — {@code url-connection} (HttpsURLConnection's
 * default socket factory), {@code http-client} (HttpClient's default SSLContext), {@code init-null}
 * (an "TLS" context initialised with {@code init(null, null, null)}) — and {@code args[1]} is the
 * URL. Prints "OK" and the page, or "FAIL" and the exception chain (exit 2).
 */
public final class DropInClient {
    private DropInClient() {
    }

    public static void main(String[] args) throws Exception {
        Security.insertProviderAt(new JtlsProvider(), 1);
        System.out.println("default=" + SSLContext.getDefault().getProvider().getName());
        try {
            String body = fetch(args[0], URI.create(args[1]));
            System.out.println("OK");
            System.out.println(body);
        } catch (Exception e) {
            System.out.println("FAIL");
            for (Throwable t = e; t != null; t = t.getCause()) {
                System.out.println("cause: " + t.getClass().getName() + ": " + t.getMessage());
            }
            System.exit(2);
        }
    }

    private static String fetch(String how, URI uri) throws Exception {
        switch (how) {
            case "url-connection":
                return read((HttpsURLConnection) uri.toURL().openConnection());
            case "init-null": {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, null, null);
                System.out.println("context=" + ctx.getProvider().getName());
                HttpsURLConnection conn = (HttpsURLConnection) new URL(uri.toString()).openConnection();
                conn.setSSLSocketFactory(ctx.getSocketFactory());
                return read(conn);
            }
            case "http-client": {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
                System.out.println("status=" + r.statusCode());
                return r.body();
            }
            default:
                throw new IllegalArgumentException("unknown mode " + how);
        }
    }

    private static String read(HttpsURLConnection conn) throws Exception {
        conn.setConnectTimeout(10_000);
        conn.setReadTimeout(20_000);
        try (InputStream in = conn.getInputStream()) {
            System.out.println("status=" + conn.getResponseCode());
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } finally {
            conn.disconnect();
        }
    }
}
