package dev.jtls.cli;

import com.sun.net.httpserver.HttpServer;
import dev.jtls.jsse.JtlsProvider;
import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.config.ConfigLoader;
import dev.jtls.proxy.config.ProxyConfig;
import dev.jtls.proxy.http.ProxyEvents;
import dev.jtls.proxy.http.TlsFacts;
import dev.jtls.proxy.server.ProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;

/**
 * {@code jtls proxy demo}: three small HTTP back ends on loopback (one weighted higher, one slower), jtls
 * proxy in front of them, and HTTPS clients (the JDK's HttpClient over jtls's SSLEngine) sending a few
 * hundred requests with keep-alive and a few new connections; it prints which back end served how many,
 * full and resumed handshakes, and what happens when a back end is killed and comes back. No arguments,
 * nothing but 127.0.0.1, over in seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run jtls proxy on 127.0.0.1 in front of three small HTTP back ends and show it balancing "
                + "HTTPS requests, reusing connections, resuming TLS sessions, and riding out a killed back end.",
            "Nothing to set up: the certificate is a throwaway one made on the spot."})
final class ProxyDemo implements Callable<Integer> {
    private static final int CLIENTS = 4;
    /** Why requests failed (status and body, or the exception), printed with the phase's counts. */
    private static final java.util.Queue<String> FAILURES = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** One demo back end: a JDK HttpServer that counts requests and the proxy's TCP connections. */
    private static final class Backend {
        final String name;
        final int weight;
        final long delayMillis;
        final AtomicInteger requests = new AtomicInteger();
        final Set<Integer> connections = ConcurrentHashMap.newKeySet();
        final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "jtls-proxy-demo-backend");
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        int port;

        Backend(String name, int weight, long delayMillis) {
            this.name = name;
            this.weight = weight;
            this.delayMillis = delayMillis;
        }

        void start() throws IOException, InterruptedException {
            // The JDK server leaves Nagle on by default: each small response would wait for a delayed ACK.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            for (int attempt = 0; ; attempt++) {
                try {
                    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                    break;
                } catch (BindException e) {
                    if (attempt == 50) {
                        throw e;
                    }
                    Thread.sleep(20); // the same port again, after a kill
                }
            }
            server.setExecutor(workers);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                connections.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            });
            server.start();
            port = server.getAddress().getPort();
        }

        void kill() {
            server.stop(0);
        }

        void reset() {
            requests.set(0);
            connections.clear();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        List<Backend> backends = List.of(new Backend("alpha", 1, 0), new Backend("beta", 3, 0), new Backend("gamma", 1, 25));
        Path dir = Files.createTempDirectory("jtls-proxy-demo");
        ProxyServer proxy = null;
        try {
            DemoCertificates certs = DemoCertificates.create();
            Path cert = dir.resolve("localhost.pem");
            Path key = dir.resolve("localhost.key");
            StringBuilder chain = new StringBuilder();
            for (var c : certs.server.chain()) {
                chain.append(Pem.encode("CERTIFICATE", c.getEncoded()));
            }
            Files.writeString(cert, chain);
            Files.writeString(key, Pem.encode("PRIVATE KEY", certs.server.privateKey().getEncoded()));
            for (Backend b : backends) {
                b.start();
            }
            ProxyConfig config = ConfigLoader.parse(yaml(backends), "demo.yaml", dir);
            HandshakeCount handshakes = new HandshakeCount();
            proxy = ProxyServer.start(config, handshakes, 2);
            int port = proxy.port("https");
            out.printf("jtls proxy demo: TLS-offloading load balancer (jtls's SSLEngine in Netty) on https://127.0.0.1:%d%n", port);
            out.printf("  back ends (plain HTTP on 127.0.0.1): alpha :%d weight 1; beta :%d weight 3; gamma :%d weight 1, "
                    + "answers %d ms late%n", backends.get(0).port, backends.get(1).port, backends.get(2).port, backends.get(2).delayMillis);
            out.printf("  policy least_connections (weighted); TCP health checks every 300 ms; slow start 2 s%n");
            out.printf("  clients: the JDK's HttpClient over jtls's SSLEngine, trusting the throwaway CA '%s'%n",
                    certs.ca.getSubjectX500Principal().getName());
            SSLContext tls = clientContext(certs);
            URI uri = URI.create("https://localhost:" + port + "/");

            List<HttpClient> keepAlive = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                keepAlive.add(client(tls));
            }
            out.printf("%n1. 300 requests over %d keep-alive client connections, %d at a time%n", CLIENTS, CLIENTS);
            int failed = run(keepAlive, uri, 300);
            report(out, backends, failed, handshakes);

            out.printf("%n2. 8 new client connections (new HttpClients, same jtls SSLContext), 2 requests each%n");
            handshakes.reset();
            backends.forEach(Backend::reset);
            failed = 0;
            for (int i = 0; i < 8; i++) {
                failed += run(List.of(client(tls)), uri, 2);
            }
            report(out, backends, failed, handshakes);

            Backend beta = backends.get(1);
            BackendState betaState = proxy.pools().get("web").backend("beta").orElseThrow();
            out.printf("%n3. beta is killed (listener and connections closed), 200 requests meanwhile%n");
            handshakes.reset();
            backends.forEach(Backend::reset);
            long killed = System.nanoTime();
            beta.kill();
            ExecutorService load = Executors.newSingleThreadExecutor();
            Future<Integer> during = load.submit(() -> run(keepAlive, uri, 200));
            long ejectedMs = waitFor(() -> !betaState.eligible(), killed, 3000);
            int failedDuring = during.get(30, TimeUnit.SECONDS);
            out.printf("   beta %s%n", ejectedMs < 0 ? "was never taken out of rotation (unexpected)"
                    : "taken out of rotation " + ejectedMs + " ms after the kill; no new request goes to it");
            report(out, backends, failedDuring, handshakes);

            out.printf("%n4. beta restarts on the same port%n");
            backends.forEach(Backend::reset);
            long restarted = System.nanoTime();
            beta.start();
            long readmittedMs = waitFor(betaState::eligible, restarted, 5000);
            double rampStart = betaState.weight();
            Future<Integer> after = load.submit(() -> run(keepAlive, uri, 300));
            Thread.sleep(1000);
            double rampMid = betaState.weight();
            int failedAfter = after.get(30, TimeUnit.SECONDS);
            load.shutdown();
            out.printf("   readmitted after %d ms (2 passing checks); slow start: weight %.1f of %d at once, %.1f a second "
                    + "later%n", readmittedMs, rampStart, betaState.configuredWeight(), rampMid);
            report(out, backends, failedAfter, handshakes);
            out.printf("%ndone in %d ms: every request answered 200 unless counted as failed above%n",
                    (System.nanoTime() - t0) / 1_000_000);
            return failed + failedDuring + failedAfter == 0 ? 0 : 1;
        } finally {
            if (proxy != null) {
                proxy.stop(Duration.ofSeconds(1));
            }
            for (Backend b : backends) {
                if (b.server != null) {
                    b.kill();
                }
                b.workers.shutdownNow();
            }
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The demo's configuration, as a user would write it (and through the same loader). */
    private static String yaml(List<Backend> backends) {
        StringBuilder y = new StringBuilder();
        y.append("listeners:\n  - name: https\n    bind: 127.0.0.1:0\n    mode: http\n    tls:\n")
                .append("      certificates:\n        - cert: localhost.pem\n          key: localhost.key\n")
                .append("    routes:\n      - pool: web\n")
                .append("pools:\n  web:\n    policy: least_connections\n    backends:\n");
        for (Backend b : backends) {
            y.append("      - name: ").append(b.name).append("\n        address: 127.0.0.1:").append(b.port)
                    .append("\n        weight: ").append(b.weight).append('\n');
        }
        y.append("    health:\n      type: tcp\n      interval: 300ms\n      timeout: 200ms\n      rise: 2\n      fall: 1\n")
                .append("    passive:\n      consecutive_failures: 2\n      eject_for: 1s\n")
                .append("    slow_start: 2s\n")
                .append("access_log: off\n");
        return y.toString();
    }

    private static SSLContext clientContext(DemoCertificates certs) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("demo-ca", certs.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new JtlsProvider());
        tmf.init(anchors);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code total} GETs spread over the clients, one thread per client; returns how many failed. */
    private static int run(List<HttpClient> clients, URI uri, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                HttpClient client = clients.get(c);
                int share = total / clients.size() + (c < total % clients.size() ? 1 : 0);
                parts.add(pool.submit(() -> {
                    int failed = 0;
                    for (int i = 0; i < share; i++) {
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                failed++;
                                FAILURES.add(r.statusCode() + " " + r.body().strip());
                            }
                        } catch (IOException e) {
                            failed++;
                            FAILURES.add(e.toString());
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> f : parts) {
                failed += f.get(60, TimeUnit.SECONDS);
            }
            return failed;
        } finally {
            pool.shutdown();
        }
    }

    private static void report(PrintStream out, List<Backend> backends, int failed, HandshakeCount handshakes) {
        int total = backends.stream().mapToInt(b -> b.requests.get()).sum();
        for (Backend b : backends.stream().sorted(Comparator.comparing(b -> b.name)).toList()) {
            int n = b.requests.get();
            out.printf("   %-6s %4d requests (%3d%%) over %d TCP connection%s from the proxy%n", b.name, n,
                    total == 0 ? 0 : Math.round(100.0 * n / total), b.connections.size(), b.connections.size() == 1 ? "" : "s");
        }
        out.printf("   client TLS handshakes at the proxy: %d full, %d resumed; failed requests: %d%n",
                handshakes.full.get(), handshakes.resumed.get(), failed);
        Set<String> why = new java.util.TreeSet<>();
        String reason;
        while ((reason = FAILURES.poll()) != null) {
            why.add(reason);
        }
        why.stream().limit(3).forEach(w -> out.printf("   a failure: %s%n", w));
        String change;
        while ((change = handshakes.changes.poll()) != null) {
            out.printf("   proxy log: back end %s%n", change);
        }
    }

    /** Milliseconds from {@code since} until {@code condition} holds, or -1 after {@code limitMillis}. */
    private static long waitFor(java.util.function.BooleanSupplier condition, long since, long limitMillis)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if ((System.nanoTime() - since) / 1_000_000 > limitMillis) {
                return -1;
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Counts the proxy's client handshakes and keeps its back-end state changes for the narration. */
    private static final class HandshakeCount implements ProxyEvents {
        final AtomicInteger full = new AtomicInteger();
        final AtomicInteger resumed = new AtomicInteger();
        final java.util.Queue<String> changes = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void backendStateChanged(String pool, String backend, BackendState.Status from, BackendState.Status to,
                                        String reason) {
            changes.add(backend + " " + from + " -> " + to + " (" + reason + ")");
        }

        @Override
        public void handshakeCompleted(String listener, TlsFacts facts) {
            (facts.resumed() ? resumed : full).incrementAndGet();
        }

        void reset() {
            full.set(0);
            resumed.set(0);
        }
    }
}
