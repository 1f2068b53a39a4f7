package dev.jtls.bench;

import dev.jtls.bench.LoopbackPeers.STime;
import dev.jtls.bench.LoopbackPeers.Server;
import dev.jtls.bench.LoopbackPeers.Stats;
import dev.jtls.bench.LoopbackTable.Kind;
import dev.jtls.bench.LoopbackTable.Result;
import dev.jtls.bench.LoopbackTable.Sample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TLS over real TCP on 127.0.0.1: handshakes per second (full, and resumed by session id) and bulk
 * throughput, each with the client's and the server's CPU time, for jtls, SunJSSE and OpenSSL:
 * <ul>
 *   <li>jtls client (in this JVM) ↔ jtls server ({@link LoopbackServer} in a JVM of its own);
 *   <li>SunJSSE client (in this JVM) ↔ SunJSSE server (its own JVM), for scale;
 *   <li>jtls client ↔ {@code openssl s_server -WWW};
 *   <li>{@code openssl s_time} ↔ jtls server, and {@code s_time} ↔ {@code s_server} (OpenSSL alone).
 * </ul>
 * All TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, secp256r1, rsa_pkcs1_sha256, the {@link Pki}
 * RSA-2048 leaf, no session tickets; one connection at a time, and every server serves them one
 * after another on one thread, as s_server does.
 *
 * <p>CPU time is per process, so JIT and GC count: every server runs in its own process, read from
 * outside; an in-process client is this JVM's process CPU time (nothing else runs in it
 * meanwhile); s_time's is its own user + system time. Bulk: each connection (a resumed handshake)
 * fetches {@code GET /bulk/N}, N bytes in 16 KiB writes from server to client (the direction
 * s_time -www and s_server -WWW can measure and check), repeated for the round's time; MB = 10^6 B of
 * payload. Each round is checked: suites, groups, resumption (client side, s_time's marks, and the
 * jtls/SunJSSE server's own counts), byte counts.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.jtls.bench.LoopbackBench [--seconds S] [--reps R]
 * [--warmup S] [--bulk-mib M] [--max-connections N] [--openssl PATH] [--note TEXT] [--out FILE]}
 * ({@code bash benchmarks/run.sh --loopback} runs it and writes {@code benchmarks/RESULTS-loopback.md}).
 */
public final class LoopbackBench {
    /** The options; see {@link #usage()}. */
    record Options(int seconds, int reps, int warmup, long bulkBytes, long maxConnections, String openssl, String note,
                   Path out, String command) {
        static Options parse(String... args) {
            int seconds = 3;
            int reps = 5;
            int warmup = 10;
            long bulk = 64L << 20;
            long max = Long.MAX_VALUE;
            String openssl = "openssl";
            String note = null;
            Path out = null;
            String command = "java -cp benchmarks/target/benchmarks.jar " + LoopbackBench.class.getName() + " "
                    + String.join(" ", args);
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--seconds" -> seconds = Integer.parseInt(need(v, args[i++]));
                    case "--reps" -> reps = Integer.parseInt(need(v, args[i++]));
                    case "--warmup" -> warmup = Integer.parseInt(need(v, args[i++]));
                    case "--bulk-mib" -> bulk = Long.parseLong(need(v, args[i++])) << 20;
                    case "--max-connections" -> max = Long.parseLong(need(v, args[i++]));
                    case "--openssl" -> openssl = need(v, args[i++]);
                    case "--note" -> note = need(v, args[i++]);
                    case "--out" -> out = Path.of(need(v, args[i++]));
                    case "--command" -> command = need(v, args[i++]);
                    case "--help", "-h" -> throw new IllegalArgumentException(usage());
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
                }
            }
            if (seconds < 1 || reps < 1 || warmup < 0 || bulk < 1 || max < 1) {
                throw new IllegalArgumentException("--seconds, --reps, --bulk-mib, --max-connections are at least 1\n" + usage());
            }
            return new Options(seconds, reps, warmup, bulk, max, openssl, note, out, command);
        }

        private static String need(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value\n" + usage());
            }
            return value;
        }
    }

    static String usage() {
        return "usage: LoopbackBench [--seconds S (per round, default 3; s_time takes whole seconds)] [--reps R (default 5)]\n"
                + "  [--warmup S (per row, for JVM sides, so that the JIT is done; default 10)] [--bulk-mib M (per GET, default 64)]\n"
                + "  [--max-connections N (per round, for in-process clients)] [--openssl PATH] [--note TEXT (into the report)]\n"
                + "  [--out FILE (also write the Markdown report there)] [--command TEXT (the command the report names)]";
    }

    /** The system's load average when the last {@link #measure} began. */
    private static volatile double loadAtStart = Double.NaN;

    private final Options o;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LoopbackBench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String md = report(o, measure(o));
        if (o.out() != null) {
            Files.writeString(o.out(), md, StandardCharsets.UTF_8);
            System.out.println("wrote " + o.out());
        }
        System.out.print(md);
    }

    /** Every row, each round checked (a failed check throws, naming the row). */
    static List<Result> measure(Options o) throws Exception {
        // SunJSSE before JDK 20 takes its groups from this property only, once per JVM.
        boolean setGroups = System.getProperty("jdk.tls.namedGroups") == null;
        if (setGroups) {
            System.setProperty("jdk.tls.namedGroups", "secp256r1");
        }
        try {
            return measure(o, new LoopbackBench(o));
        } finally {
            if (setGroups) {
                System.clearProperty("jdk.tls.namedGroups"); // read by now; others in this JVM (tests) get theirs back
            }
        }
    }

    private static List<Result> measure(Options o, LoopbackBench b) throws Exception {
        loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Jsse.init();
        List<Result> results = new ArrayList<>();
        try (LoopbackFiles files = new LoopbackFiles()) {
            String page = files.bulkFile(o.bulkBytes());
            try (Server s = LoopbackPeers.jvm("jtls", files)) {
                b.inProcess(results, "jtls", s, page);
                b.sTime(results, files, s, page);
            }
            try (Server s = LoopbackPeers.jvm("sunjsse", files)) {
                b.inProcess(results, "sunjsse", s, page);
            }
            try (Server s = LoopbackPeers.sServer(o.openssl(), files)) {
                b.inProcess(results, "jtls", s, page);
                b.sTime(results, files, s, page);
            }
        }
        return results;
    }

    private static String clientName(String impl) {
        return impl.equals("jtls") ? "jtls (TlsSocket, this JVM)" : "SunJSSE (SSLSocket, this JVM)";
    }

    /** The full, resumed and bulk rows of an in-process client against {@code server}. */
    private void inProcess(List<Result> results, String impl, Server server, String page) throws Exception {
        for (Kind kind : Kind.values()) {
            try {
                results.add(new Result(clientName(impl), server.name, kind, rounds(impl, server, kind, page)));
            } catch (RuntimeException | IOException e) {
                throw new IllegalStateException(impl + " ↔ " + server.name + ", " + kind.label + ": " + e.getMessage(), e);
            }
        }
    }

    private List<Sample> rounds(String impl, Server server, Kind kind, String page) throws Exception {
        LoopbackClient c = LoopbackClient.of(impl, server.port, kind != Kind.FULL);
        c.prime();
        warmUp(c, server, kind, page);
        if (server.counts()) {
            server.stats(); // from zero
        }
        List<Sample> samples = new ArrayList<>();
        for (int rep = 0; rep < o.reps(); rep++) {
            double s0 = server.cpuSeconds();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long end = t0 + o.seconds() * 1_000_000_000L;
            long n = 0;
            long bytes = 0;
            do {
                bytes += once(c, kind, page);
                n++;
            } while (n < o.maxConnections() && System.nanoTime() < end);
            double wall = (System.nanoTime() - t0) / 1e9;
            double clientCpu = (os.getProcessCpuTime() - c0) / 1e9;
            double serverCpu = server.cpuSeconds() - s0;
            if (kind == Kind.BULK) {
                LoopbackClient.check(bytes == n * o.bulkBytes(), "received " + bytes + " bytes in " + n + " replies of "
                        + o.bulkBytes());
            }
            if (server.counts()) {
                Stats st = server.stats();
                checkServer(st, kind == Kind.FULL ? n : 0, kind == Kind.FULL ? 0 : n);
                LoopbackClient.check(st.bytes() == bytes, "the server sent " + st.bytes() + " bytes, the client got " + bytes);
            }
            samples.add(new Sample(kind == Kind.BULK ? bytes : n, wall, clientCpu, serverCpu));
        }
        return samples;
    }

    /**
     * Warm-up: --warmup seconds (three times that for full handshakes, a pair's first row), and until each JVM side has had half of that in CPU time (on a busy
     * machine wall time alone leaves the JIT unfinished), but no longer than four times that.
     */
    private void warmUp(LoopbackClient c, Server server, Kind kind, String page) throws IOException {
        long w0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        double s0 = server.cpuSeconds();
        // The first row of a pair (full handshakes) also warms up its JVMs as a whole: three times as long.
        double seconds = kind == Kind.FULL ? 3.0 * o.warmup() : o.warmup();
        double half = seconds / 2.0;
        for (long n = 0; n < o.maxConnections(); n++) {
            double wall = (System.nanoTime() - w0) / 1e9;
            boolean cpuDone = (os.getProcessCpuTime() - c0) / 1e9 >= half
                    && (!server.counts() || server.cpuSeconds() - s0 >= half);
            if (wall >= 4.0 * seconds || wall >= seconds && cpuDone) {
                break;
            }
            once(c, kind, page);
        }
    }

    /** One connection of a round: a handshake, or for bulk one GET (its payload bytes returned). */
    private long once(LoopbackClient c, Kind kind, String page) throws IOException {
        if (kind == Kind.BULK) {
            return c.get(page, () -> { });
        }
        c.handshake();
        return 0;
    }

    private static void checkServer(Stats st, long full, long resumed) {
        LoopbackClient.check(st.full() == full && st.resumed() == resumed && st.wrong() == 0 && st.failed() == 0,
                "the server counted " + st + ", expected " + full + " full and " + resumed + " resumed handshakes");
    }

    /** The s_time rows against {@code server}: -new, -reuse, and -reuse -www of the bulk page. */
    private void sTime(List<Result> results, LoopbackFiles files, Server server, String page) throws Exception {
        for (Kind kind : Kind.values()) {
            try {
                results.add(new Result("openssl s_time", server.name, kind, sTimeRounds(files, server, kind, page)));
            } catch (RuntimeException | IOException e) {
                throw new IllegalStateException("s_time ↔ " + server.name + ", " + kind.label + ": " + e.getMessage(), e);
            }
        }
    }

    private List<Sample> sTimeRounds(LoopbackFiles files, Server server, Kind kind, String page) throws Exception {
        boolean reuse = kind != Kind.FULL;
        String www = kind == Kind.BULK ? page : null;
        if (server.counts() && o.warmup() > 0) {
            LoopbackPeers.sTime(o.openssl(), files, server.port, reuse, o.warmup(), www); // the server's JIT
        }
        if (server.counts()) {
            server.stats();
        }
        long header = LoopbackServer.HEADER.length();
        List<Sample> samples = new ArrayList<>();
        for (int rep = 0; rep < o.reps(); rep++) {
            double s0 = server.cpuSeconds();
            STime r = LoopbackPeers.sTime(o.openssl(), files, server.port, reuse, o.seconds(), www);
            double serverCpu = server.cpuSeconds() - s0;
            long n = r.connections();
            LoopbackClient.check(n > 0, "s_time made no connection");
            LoopbackClient.check(r.marks() == n, "s_time marked " + r.marks() + " of its " + n + " connections '"
                    + (reuse ? "r' (resumed)" : "*' (new session)"));
            long body = www == null ? 0 : r.bytesRead() - n * header;
            LoopbackClient.check(r.bytesRead() == n * (www == null ? 0 : header + o.bulkBytes()),
                    "s_time read " + r.bytesRead() + " bytes in " + n + " connections");
            if (server.counts()) {
                Stats st = server.stats();
                if (reuse) {
                    // s_time -reuse makes one full handshake first, which it does not count.
                    checkServer(st, Math.min(st.full(), 1), n);
                } else {
                    checkServer(st, n, 0);
                }
                // With -reuse, s_time's first connection (a full handshake) is not counted; with -www it fetched the page too.
                long uncounted = reuse && www != null ? st.full() * o.bulkBytes() : 0;
                LoopbackClient.check(st.bytes() == body + uncounted, "the server sent " + st.bytes() + " bytes, s_time got "
                        + body + " in its counted connections");
            }
            samples.add(new Sample(www == null ? n : body, r.wallSeconds(), r.cpuSeconds(), serverCpu));
        }
        return samples;
    }

    static String report(Options o, List<Result> results) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        b.append("# TLS over TCP on loopback: jtls, SunJSSE, OpenSSL\n\n");
        b.append("Generated by `").append(o.command().strip()).append("` at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
        if (o.note() != null) {
            b.append("**").append(o.note()).append("**\n\n");
        }
        b.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.home"))
                .append("); OpenSSL: ").append(opensslVersion(o.openssl())).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, load average (1 min) ")
                .append(String.format(Locale.ROOT, "%.2f at the start, %.2f at the end", loadAtStart,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(".\n");
        b.append("- TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, secp256r1, rsa_pkcs1_sha256, RSA-2048 leaf (sent alone, "
                + "the client checks it against the RSA-2048 CA), extended master secret, no session tickets. "
                + "One connection at a time over 127.0.0.1; every server handles them one after another on one thread.\n");
        b.append("- jtls and SunJSSE servers run in their own JVM (`dev.jtls.bench.LoopbackServer`, same JDK and class path); "
                + "jtls and SunJSSE clients in the benchmark's JVM; OpenSSL as `openssl s_server -WWW -quiet` and "
                + "`openssl s_time` (-new, -reuse; -verify with the CA).\n");
        b.append("- CPU s: each side's process, user + system, JIT and GC included (servers and s_time from /proc via "
                + "ProcessHandle / the shell's `times`; in-process clients: the JVM's process CPU time, the JVM doing "
                + "nothing else). Clock-tick resolution (10 ms).\n");
        b.append(String.format(Locale.ROOT, "- Rounds of %d s (s_time: `-time %d`, wall time includes its start), %d per row, "
                + "after %d s of warm-up for rows with a JVM side (3× that for the first row of a pair, full handshakes; and until "
                + "each JVM side has used half of that in CPU time, at most 4× as long); median (min–max) over the rounds.%n",
                o.seconds(), o.seconds(), o.reps(), o.warmup()));
        b.append(String.format(Locale.ROOT, "- Bulk: each connection (resumed handshake) fetches `GET /bulk/N`: N = %d bytes "
                + "server → client in 16 KiB writes (s_server -WWW reads them from a file); MB = 10^6 B of payload, "
                + "handshakes and the HTTP header included in the time.%n", o.bulkBytes()));
        b.append("- Checked in every round: the suite (and group, by jtls) on each handshake, resumed or not as the row says "
                + "(session id; s_time's 'r'/'*' marks; the jtls/SunJSSE server's own counts match the client's), "
                + "byte counts on both sides.\n\n");
        b.append("## Handshakes\n\n").append(LoopbackTable.handshakes(results)).append('\n');
        b.append("## Bulk\n\n").append(LoopbackTable.bulk(results));
        return b.toString();
    }

    private static String opensslVersion(String openssl) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(openssl, "version").redirectErrorStream(true).start();
        try {
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        } finally {
            p.destroy();
        }
    }
}
