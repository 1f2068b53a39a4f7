package dev.jtls.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cross-check of the JMH tables for a machine shared with other work: the same handshakes, but
 * the implementations take turns in short rounds inside one JVM, and each round is charged the
 * <em>process CPU time</em> it used (benchmark thread, GC and JIT threads), not wall time. Load from
 * other processes then slows every implementation's rounds alike and mostly drops out of the
 * ratios. Not a replacement for JMH on a quiet machine: one JVM means one JIT profile for all
 * implementations, and SunJSSE before JDK 20 takes one group per JVM (so run x25519 separately).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.jtls.bench.CpuTime <rows> [rounds] [ms per round]},
 * rows comma-separated from {@link Row}, {@code RESUME_ID}, or {@code BULK_} and a suite name
 * without "TLS_" (e.g. {@code BULK_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, µs per 16 KiB write + read); prints a Markdown table of median
 * CPU µs per handshake (and min–max over rounds) per implementation, with jtls/x ratios.
 */
public final class CpuTime {
    /** jtls_mte (jtls without encrypt_then_mac, as SunJSSE) only in BULK_ rows of CBC suites; "–" elsewhere. */
    private static final String[] IMPLS = {"jtls", "jtls_mte", "jtls_jsse", "sunjsse", "bcjsse", "bcjsse_jca"};

    private CpuTime() {
    }

    /** One timed operation. */
    private interface Op {
        void run() throws Exception;
    }

    /**
     * A handshake row ({@link Row} or RESUME_ID), or BULK_ plus a suite name without "TLS_" (one
     * 16 KiB write + read, as {@link BulkBench}); null if the implementation cannot do it.
     */
    private static Op op(String impl, String row) throws Exception {
        if (row.startsWith("BULK_")) {
            dev.jtls.suite.CipherSuite suite = dev.jtls.suite.CipherSuite.valueOf("TLS_" + row.substring(5));
            if (impl.equals("bcjsse_jca") && suite.standardName().contains("CHACHA20")
                    || impl.equals("jtls_mte") && !(suite.protection() instanceof dev.jtls.suite.CipherSuite.Cbc)) {
                return null;
            }
            Stack.Established pair = Stack.of(impl, suite, Row.ECDHE_RSA_P256.group, Row.ECDHE_RSA_P256.scheme,
                    Stack.Mode.FULL).established();
            // As CbcBulkBench: SunJSSE (no RFC 7366) and jtls_mte are MAC-then-encrypt, the others encrypt-then-MAC.
            boolean etm = !impl.equals("sunjsse") && !impl.equals("jtls_mte");
            if (suite.protection() instanceof dev.jtls.suite.CipherSuite.Cbc && pair.wire().encryptThenMac != etm) {
                throw new IllegalStateException(impl + ": encrypt_then_mac " + pair.wire().encryptThenMac + ", expected " + etm);
            }
            java.nio.ByteBuffer src = java.nio.ByteBuffer.allocate(16384);
            java.nio.ByteBuffer net = java.nio.ByteBuffer.allocate(16384 + 1024);
            java.nio.ByteBuffer app = java.nio.ByteBuffer.allocate(16384 + 1024);
            return () -> {
                src.clear();
                if (pair.transfer(src, net, app) != 16384) {
                    throw new IllegalStateException(impl + " delivered the wrong number of bytes");
                }
            };
        }
        if (impl.equals("jtls_mte")) {
            return null; // no CBC suite in the handshake rows: the same as jtls
        }
        Stack stack = row.equals("RESUME_ID")
                ? Stack.of(impl, ResumptionBench.SUITE, Row.ECDHE_RSA_P256.group, Row.ECDHE_RSA_P256.scheme,
                        Stack.Mode.RESUME_ID)
                : Stack.of(impl, Row.valueOf(row), Stack.Mode.FULL);
        Conversation c = new Conversation();
        return () -> stack.handshake(c);
    }

    public static void main(String[] args) throws Exception {
        String[] rows = args[0].split(",");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        long roundNanos = (args.length > 2 ? Long.parseLong(args[2]) : 300) * 1_000_000L;
        String group = rows[0].equals("ECDHE_RSA_X25519") ? "x25519" : "secp256r1";
        Jsse.preferGroup("sunjsse", group);
        Jsse.init();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("| Row | " + String.join(" CPU µs | ", IMPLS)
                + " CPU µs | jtls/sunjsse | jtls/bcjsse | jtls/bcjsse_jca | jtls_mte/sunjsse |");
        System.out.println("|---|" + "---:|".repeat(IMPLS.length + 4));
        for (String rowName : rows) {
            Map<String, Op> stacks = new LinkedHashMap<>();
            for (String impl : IMPLS) {
                Op op = op(impl, rowName);
                if (op != null) {
                    stacks.put(impl, op);
                }
            }
            Map<String, List<Double>> perOp = new LinkedHashMap<>();
            for (int round = -3; round < rounds; round++) { // three warm-up rounds
                for (Map.Entry<String, Op> e : stacks.entrySet()) {
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    int ops = 0;
                    do {
                        e.getValue().run();
                        ops++;
                    } while (System.nanoTime() - t0 < roundNanos);
                    double us = (os.getProcessCpuTime() - cpu0) / 1e3 / ops;
                    if (round >= 0) {
                        perOp.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(us);
                    }
                }
            }
            StringBuilder line = new StringBuilder("| " + rowName + " |");
            Map<String, Double> median = new LinkedHashMap<>();
            for (String impl : IMPLS) {
                if (!perOp.containsKey(impl)) {
                    line.append(" – |");
                    median.put(impl, Double.NaN);
                    continue;
                }
                double[] v = perOp.get(impl).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                median.put(impl, m);
                line.append(' ').append(Results.number(m)).append(" (").append(Results.number(v[0])).append('–')
                        .append(Results.number(v[v.length - 1])).append(") |");
            }
            for (String[] pair : new String[][] {{"jtls", "sunjsse"}, {"jtls", "bcjsse"}, {"jtls", "bcjsse_jca"},
                    {"jtls_mte", "sunjsse"}}) {
                double r = median.get(pair[1]) / median.get(pair[0]);
                line.append(Double.isNaN(r) ? " – |" : String.format(Locale.ROOT, " %.2f× |", r));
            }
            System.out.println(line);
        }
    }
}
