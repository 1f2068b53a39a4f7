package dev.jtls.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.ObjectName;

/**
 * Retained heap per idle established connection (what a server holding many keep-alive clients
 * pays per client): for each implementation, in
 * a JVM of its own, N client + server pairs are established in memory (full handshake,
 * TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 over secp256r1, see {@link IdlePairs}) and kept reachable;
 * the heap used after full GCs, less the baseline taken after the contexts and 50 warm-up
 * connections, divided by N, is what one pair keeps. The client side is what goes when the
 * clients are dropped, the server side what goes when the servers are dropped next, and what
 * stays after that is the sessions the shared caches keep (per connection too, where an
 * implementation caches every session). A class histogram (the JVM's GC.class_histogram through
 * the DiagnosticCommand MBean) diffed the same way shows what each connection retains.
 *
 * <p>Two modes: {@code handshake} (the pairs are just handshaken) and {@code data} (then one
 * {@value IdlePairs#PAYLOAD}-byte application record each way, so the data path has been used).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.jtls.bench.IdleMemory [-n 10000] [--impls
 * jtls,jtls_jsse,sunjsse,bcjsse] [--modes handshake,data] [--xmx 2g] [--out FILE] [--command
 * TEXT]} writes a Markdown report (to FILE or standard output). Each measurement runs as {@code
 * java -Xmx.. -cp <this class path> dev.jtls.bench.IdleMemory --child IMPL MODE N}.
 */
public final class IdleMemory {
    static final List<String> IMPLS = List.of("jtls", "jtls_jsse", "sunjsse", "bcjsse");
    static final List<String> MODES = List.of("handshake", "data");
    private static final int WARM_UP = 50;
    private static final int TOP = 15;
    private static final Pattern HISTO_LINE = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");

    private IdleMemory() {
    }

    /** What one child JVM measured: heap used after GC at each step, and class histograms. */
    record Figures(String impl, String mode, int n, long base, long pairs, long serversOnly, long cachesOnly,
                   double seconds, String cached, String policy, String jvm, String gc, String connectionClass,
                   Map<String, long[]> histoBase, Map<String, long[]> histoPairs,
                   Map<String, long[]> histoServers, Map<String, long[]> histoCaches) {
        /** Bytes per pair: both endpoints and whatever the caches keep for them. */
        double perPair() {
            return (pairs - base) / (double) n;
        }

        double perClient() {
            return (pairs - serversOnly) / (double) n;
        }

        double perServer() {
            return (serversOnly - cachesOnly) / (double) n;
        }

        double perCachedSession() {
            return (cachesOnly - base) / (double) n;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            try {
                child(args[1], args[2], Integer.parseInt(args[3]));
            } catch (Exception e) {
                // The parent reports the failure; one line here says why, without a stack trace.
                System.err.println("IdleMemory child " + args[1] + " " + args[2] + ": " + e);
                System.exit(1);
            }
            return;
        }
        int n = 10_000;
        List<String> impls = IMPLS;
        List<String> modes = MODES;
        String xmx = "2g";
        Path out = null;
        String command = "java -cp benchmarks/target/benchmarks.jar dev.jtls.bench.IdleMemory " + String.join(" ", args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-n": n = Integer.parseInt(args[++i]); break;
                case "--impls": impls = List.of(args[++i].split(",")); break;
                case "--modes": modes = List.of(args[++i].split(",")); break;
                case "--xmx": xmx = args[++i]; break;
                case "--out": out = Path.of(args[++i]); break;
                case "--command": command = args[++i]; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Figures> all = new ArrayList<>();
        for (String mode : modes) {
            for (String impl : impls) {
                System.err.printf(Locale.ROOT, "IdleMemory: %s, %s, %d pairs ...%n", impl, mode, n);
                Figures f = measure(impl, mode, n, xmx);
                System.err.printf(Locale.ROOT, "IdleMemory: %s %s: %.0f B per pair (client %.0f, server %.0f,"
                        + " caches %.0f)%n", impl, mode, f.perPair(), f.perClient(), f.perServer(), f.perCachedSession());
                all.add(f);
            }
        }
        String md = report(all, n, xmx, command);
        if (out == null) {
            System.out.print(md);
        } else {
            Files.writeString(out, md, StandardCharsets.UTF_8);
            System.err.println("IdleMemory: wrote " + out);
        }
    }

    /** Runs one child JVM (same java, same class path) and reads what it printed. */
    static Figures measure(String impl, String mode, int n, String xmx) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                IdleMemory.class.getName(), "--child", impl, mode, Integer.toString(n));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        Map<String, String> values = new HashMap<>();
        Map<String, Map<String, long[]>> histos = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("@value ")) {
                    String[] kv = line.substring(7).split("=", 2);
                    values.put(kv[0], kv[1]);
                } else if (line.startsWith("@histo ")) {
                    String[] f = line.substring(7).split(" ");
                    histos.computeIfAbsent(f[0], k -> new HashMap<>())
                            .put(f[1], new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
                }
            }
        }
        int status = p.waitFor();
        if (status != 0 || !values.containsKey("cachesOnly")) {
            throw new IllegalStateException("IdleMemory child for " + impl + " " + mode + " failed (exit " + status + ")");
        }
        int established = Integer.parseInt(values.get("established"));
        if (established != n) {
            throw new IllegalStateException(impl + ": " + established + " pairs established, not " + n);
        }
        return new Figures(impl, mode, n, Long.parseLong(values.get("base")), Long.parseLong(values.get("pairs")),
                Long.parseLong(values.get("serversOnly")), Long.parseLong(values.get("cachesOnly")),
                Double.parseDouble(values.get("seconds")), values.get("cached"), values.get("policy"),
                values.get("jvm"), values.get("gc"), values.get("connectionClass"),
                histos.getOrDefault("base", Map.of()), histos.getOrDefault("pairs", Map.of()),
                histos.getOrDefault("serversOnly", Map.of()), histos.getOrDefault("cachesOnly", Map.of()));
    }

    /** The measurement itself, in its own JVM; prints "@value k=v" and "@histo step class count bytes" lines. */
    private static void child(String impl, String mode, int n) throws Exception {
        boolean data = mode.equals("data");
        if (!data && !mode.equals("handshake")) {
            throw new IllegalArgumentException("mode " + mode);
        }
        Jsse.preferGroup(impl, "secp256r1");
        Jsse.init();
        IdlePairs maker = IdlePairs.of(impl);
        Object[] clients = new Object[n];
        Object[] servers = new Object[n];
        warmUp(maker);
        // Each histogram is printed at once and dropped: nothing of it is on the heap at the next reading.
        long base = usedAfterGc();
        print("base", histogram());
        long t0 = System.nanoTime();
        int established = establish(maker, data, clients, servers);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long pairs = usedAfterGc();
        print("pairs", histogram());
        String cached = maker.cachedSessions();
        String connectionClass = clients[0].getClass().getName();
        Arrays.fill(clients, null);
        long serversOnly = usedAfterGc();
        print("serversOnly", histogram());
        java.lang.ref.Reference.reachabilityFence(servers);
        Arrays.fill(servers, null);
        long cachesOnly = usedAfterGc();
        print("cachesOnly", histogram());
        java.lang.ref.Reference.reachabilityFence(maker);

        System.out.println("@value established=" + established);
        System.out.println("@value base=" + base);
        System.out.println("@value pairs=" + pairs);
        System.out.println("@value serversOnly=" + serversOnly);
        System.out.println("@value cachesOnly=" + cachesOnly);
        System.out.println("@value seconds=" + seconds);
        System.out.println("@value cached=" + cached);
        System.out.println("@value connectionClass=" + connectionClass);
        System.out.println("@value policy=" + maker.cachePolicy());
        System.out.println("@value jvm=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println("@value gc=" + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
    }

    /** Warm-up pairs, gone before the baseline (in a method of their own: no local keeps the last one). */
    private static void warmUp(IdlePairs maker) throws javax.net.ssl.SSLException {
        for (int i = 0; i < WARM_UP; i++) {
            Object[] p = maker.connect();
            maker.exchange(p[0], p[1]);
        }
    }

    /** Fills the arrays with established pairs; returns how many were established. */
    private static int establish(IdlePairs maker, boolean data, Object[] clients, Object[] servers)
            throws javax.net.ssl.SSLException {
        int established = 0;
        for (int i = 0; i < clients.length; i++) {
            Object[] p = maker.connect();
            if (data) {
                maker.exchange(p[0], p[1]);
            }
            clients[i] = p[0];
            servers[i] = p[1];
            established++;
        }
        return established;
    }

    private static void print(String step, Map<String, long[]> histo) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, long[]> e : histo.entrySet()) {
            sb.append("@histo ").append(step).append(' ').append(e.getKey()).append(' ').append(e.getValue()[0])
                    .append(' ').append(e.getValue()[1]).append('\n');
        }
        System.out.print(sb);
    }

    /** Heap used after full GCs, once two readings in a row agree within 1 KiB (at most 20 GCs). */
    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(50);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(used - previous) < 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** The live-object histogram (GC.class_histogram, which collects first): class → {instances, bytes}. */
    static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> h = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = HISTO_LINE.matcher(line);
            if (m.matches()) {
                h.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return h;
    }

    /** {@code after − before} per class, divided by n: class → {instances, bytes} per connection, largest bytes first. */
    static Map<String, double[]> perConnection(Map<String, long[]> after, Map<String, long[]> before, int n) {
        Map<String, double[]> d = new HashMap<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            d.put(e.getKey(), new double[] {(e.getValue()[0] - b[0]) / (double) n, (e.getValue()[1] - b[1]) / (double) n});
        }
        return d.entrySet().stream()
                .sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1]))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, LinkedHashMap::new));
    }

    static String report(List<Figures> all, int n, String xmx, String command) {
        StringBuilder md = new StringBuilder();
        Figures any = all.get(0);
        md.append("# Retained heap per idle established connection\n\n");
        md.append("Issue 8's memory target: jtls's retained heap per idle established connection ≤ SunJSSE's.\n");
        md.append("Generated by `dev.jtls.bench.IdleMemory` (see its Javadoc for the method).\n\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- JVM: ").append(any.jvm()).append(", GC: ").append(any.gc()).append(", -Xmx").append(xmx)
                .append(", one JVM per implementation and mode\n");
        md.append("- ").append(String.format(Locale.ROOT, "%,d", n))
                .append(" client + server pairs in one JVM, full handshakes, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                        + " secp256r1, RSA-2048 leaf, session tickets off; all pairs kept reachable\n");
        md.append("- Baseline: heap used after full GCs once the contexts exist and ").append(WARM_UP)
                .append(" warm-up pairs (with data) have come and gone; each figure is (heap after GC − baseline) / N\n");
        md.append("- Client: freed when the clients are dropped; server: freed when the servers are dropped next;"
                + " session caches: what is still retained after that (sessions kept by the shared client and server"
                + " caches). Pair = client + server + caches.\n\n");
        for (String mode : MODES) {
            List<Figures> rows = all.stream().filter(f -> f.mode().equals(mode)).collect(Collectors.toList());
            if (rows.isEmpty()) {
                continue;
            }
            md.append(mode.equals("data") ? "## After one 1 KiB application record each way\n\n"
                    : "## Just handshaken\n\n");
            md.append("| Implementation | B per pair | client B | server B | session caches B | jtls pair / this |"
                    + " sessions cached | handshakes/s (pair) |\n");
            md.append("|---|---:|---:|---:|---:|---:|---|---:|\n");
            Figures jtls = rows.stream().filter(f -> f.impl().equals("jtls")).findFirst().orElse(null);
            for (Figures f : rows) {
                md.append("| ").append(f.impl()).append(" | ").append(bytes(f.perPair())).append(" | ")
                        .append(bytes(f.perClient())).append(" | ").append(bytes(f.perServer())).append(" | ")
                        .append(bytes(f.perCachedSession())).append(" | ")
                        .append(jtls == null ? "–" : String.format(Locale.ROOT, "%.2f", jtls.perPair() / f.perPair()))
                        .append(" | ").append(f.cached()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", f.n() / f.seconds())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("Session caches (each implementation's defaults; sessions cached at the end are in the tables):\n\n");
        all.stream().filter(f -> f.mode().equals(any.mode())).forEach(f ->
                md.append("- ").append(f.impl()).append(": ").append(f.policy()).append('\n'));
        md.append('\n');
        for (Figures f : all) {
            if (!f.mode().equals("data") && all.stream().anyMatch(g -> g.mode().equals("data"))) {
                continue;
            }
            md.append("### What a ").append(f.impl()).append(" pair retains (").append(f.mode())
                    .append("; class histogram after − before, per pair)\n\n");
            md.append("| Class | client: objects | client: B | server: objects | server: B | caches: objects | caches: B |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            Map<String, double[]> pair = perConnection(f.histoPairs(), f.histoBase(), f.n());
            Map<String, double[]> client = perConnection(f.histoPairs(), f.histoServers(), f.n());
            Map<String, double[]> server = perConnection(f.histoServers(), f.histoCaches(), f.n());
            Map<String, double[]> caches = perConnection(f.histoCaches(), f.histoBase(), f.n());
            int shown = 0;
            for (String cls : pair.keySet()) {
                if (shown++ == (f.impl().startsWith("jtls") ? TOP : 8)) {
                    break;
                }
                md.append("| `").append(cls).append("` |");
                for (Map<String, double[]> side : List.of(client, server, caches)) {
                    double[] v = side.getOrDefault(cls, new double[2]);
                    md.append(String.format(Locale.ROOT, " %.2f | %s |", v[0], bytes(v[1])));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String bytes(double b) {
        return String.format(Locale.ROOT, "%,.0f", b);
    }
}
