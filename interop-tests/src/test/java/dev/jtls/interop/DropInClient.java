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
 * position 1. {@code args[0]} is the URL, the others how it connects, each in turn:
 * {@code url-connection} (HttpsURLConnection's default socket factory), {@code http-client}
 * (HttpClient's default SSLContext), {@code init-null} (a "TLS" context initialised with
 * {@code init(null, null, null)}). Prints "mode: OK" and the page, or "mode: FAIL" and the
 * exception chain; exits 2 if any failed.
 */
public final class DropInClient {
    private DropInClient() {
    }

    public static void main(String[] args) throws Exception {
        Security.insertProviderAt(new JtlsProvider(), 1);
        System.out.println("default=" + SSLContext.getDefault().getProvider().getName());
        URI uri = URI.create(args[0]);
        boolean allOk = true;
        for (int i = 1; i < args.length; i++) {
            try {
                String body = fetch(args[i], uri);
                System.out.println(args[i] + ": OK");
                // openssl s_server -www's page shows the session's master key: not for a log.
                body.lines().filter(l -> !l.contains("Master-Key")).forEach(System.out::println);
            } catch (Exception e) {
                allOk = false;
                System.out.println(args[i] + ": FAIL");
                for (Throwable t = e; t != null; t = t.getCause()) {
                    System.out.println(args[i] + ": cause: " + t.getClass().getName() + ": " + t.getMessage());
                }
            }
        }
        System.exit(allOk ? 0 : 2);
    }

    private static String fetch(String how, URI uri) throws Exception {
        switch (how) {
            case "url-connection":
                return read((HttpsURLConnection) uri.toURL().openConnection());
            case "init-null": {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, null, null);
                System.out.println(how + ": context=" + ctx.getProvider().getName());
                HttpsURLConnection conn = (HttpsURLConnection) new URL(uri.toString()).openConnection();
                conn.setSSLSocketFactory(ctx.getSocketFactory());
                return read(conn);
            }
            case "http-client": {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
                System.out.println(how + ": status=" + r.statusCode());
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
