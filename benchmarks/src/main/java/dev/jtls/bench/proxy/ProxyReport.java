package dev.jtls.bench.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the measurements {@code benchmarks/proxy/run.sh} collected (a tab-separated file) into
 * {@code benchmarks/RESULTS-proxy.md}: every row for jtls proxy, HAProxy and nginx, the ratio of jtls to
 * the better of the other two, and each target marked met or not. Text below {@link #NOTES_MARKER} in
 * an existing report (the profile, the why of a missed target) is kept.
 *
 * <p>Input lines: {@code meta KEY VALUE}, {@code cmd COMMAND}, {@code row PROXY METRIC VALUE}.
 */
public final class ProxyReport {
    /** Everything after this line in an existing report survives a rerun. */
    public static final String NOTES_MARKER = "<!-- notes below are kept when the script rewrites this file -->";
    public static final List<String> PROXIES = List.of("jtls", "haproxy", "nginx");

    /** Which way is better, for the ratio and the target. */
    enum Better { HIGHER, LOWER }

    /**
     * One row of the table.
     *
     * @param target null: no target; a ratio to the better of HAProxy/nginx, or with {@code absolute} a
     *               value jtls must stay under
     */
    record Metric(String key, String label, Better better, Double target, boolean absolute) {
        static Metric of(String key, String label, Better better) {
            return new Metric(key, label, better, null, false);
        }

        static Metric ratio(String key, String label, Better better, double target) {
            return new Metric(key, label, better, target, false);
        }
    }

    public static final List<Metric> METRICS = List.of(
            Metric.ratio("ka_small_rps", "keep-alive requests/s, small body", Better.HIGHER, 0.8),
            Metric.of("ka_small_p50_ms", "keep-alive p50 latency ms, small body", Better.LOWER),
            Metric.ratio("ka_small_p99_ms", "keep-alive p99 latency ms, small body", Better.LOWER, 1.25),
            Metric.ratio("ka_64k_rps", "keep-alive requests/s, 64 KiB body", Better.HIGHER, 0.8),
            Metric.of("ka_64k_p50_ms", "keep-alive p50 latency ms, 64 KiB body", Better.LOWER),
            Metric.ratio("ka_64k_p99_ms", "keep-alive p99 latency ms, 64 KiB body", Better.LOWER, 1.25),
            Metric.of("ka_errors", "keep-alive errors (socket errors + non-2xx, both bodies)", Better.LOWER),
            Metric.ratio("full_ecdsa_hps", "full handshakes/s, ECDSA P-256", Better.HIGHER, 0.5),
            Metric.of("full_rsa_hps", "full handshakes/s, RSA-2048", Better.HIGHER),
            Metric.ratio("resumed_id_hps", "resumed handshakes/s, session id (no tickets)", Better.HIGHER, 1.0),
            Metric.ratio("resumed_ticket_hps", "resumed handshakes/s, session ticket", Better.HIGHER, 1.0),
            Metric.of("resumed_id_pct", "% of the session-id connections actually resumed", Better.HIGHER),
            Metric.of("resumed_ticket_pct", "% of the ticket connections actually resumed", Better.HIGHER),
            Metric.of("cpu_ms_full_ecdsa", "proxy CPU ms per full handshake, ECDSA P-256", Better.LOWER),
            Metric.of("cpu_ms_full_rsa", "proxy CPU ms per full handshake, RSA-2048", Better.LOWER),
            Metric.of("cpu_ms_resumed_ticket", "proxy CPU ms per resumed handshake (ticket)", Better.LOWER),
            Metric.of("idle_conns", "idle TLS connections held", Better.HIGHER),
            Metric.of("idle_rss_mb", "RSS MB with the idle connections (all processes)", Better.LOWER),
            Metric.of("idle_rss_kb_per_conn", "RSS KB per idle connection (growth over the idle proxy)", Better.LOWER),
            Metric.of("idle_base_heap_mb", "heap MB after full GC, before the idle connections", Better.LOWER),
            new Metric("idle_heap_mb", "heap MB after full GC, with the idle connections", Better.LOWER, 64.0, true));

    private ProxyReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ProxyReport MEASUREMENTS.tsv RESULTS.md");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        String notes = existingNotes(out);
        Files.writeString(out, render(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8), notes),
                StandardCharsets.UTF_8);
    }

    private static String existingNotes(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String old = Files.readString(out, StandardCharsets.UTF_8);
        int i = old.indexOf(NOTES_MARKER);
        return i < 0 ? "" : old.substring(i + NOTES_MARKER.length()).strip();
    }

    static String render(List<String> lines, String notes) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> commands = new ArrayList<>();
        List<String> details = new ArrayList<>();
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", 4);
            switch (f[0]) {
                case "meta" -> meta.put(f[1], f.length > 2 ? f[2] : "");
                case "cmd" -> commands.add(f[1]);
                case "note" -> details.add(f.length > 1 ? f[1] : "");
                case "row" -> values.computeIfAbsent(f[2], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[3]));
                default -> { }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# jtls proxy against HAProxy and nginx\n\n");
        md.append("Written by `").append(meta.getOrDefault("command", "benchmarks/proxy/run.sh"))
                .append("` (do not edit above the notes marker; rerun instead).\n\n");
        md.append("**").append(meta.getOrDefault("status", "indicative")).append("**\n\n");
        for (String k : List.of("date", "machine", "load_start", "load_end", "jdk", "jtls", "haproxy", "nginx", "openssl",
                "wrk", "workers", "scenario")) {
            if (meta.containsKey(k)) {
                md.append("- ").append(k.replace('_', ' ')).append(": ").append(meta.get(k)).append('\n');
            }
        }
        md.append("\n## Results\n\n");
        md.append("Ratio: jtls proxy to the better of HAProxy and nginx (for a lower-is-better row, jtls / the lower).\n\n");
        md.append("| Row | jtls proxy | HAProxy | nginx | ratio | target | met |\n");
        md.append("|---|---:|---:|---:|---:|---|---|\n");
        for (Metric m : METRICS) {
            Map<String, Double> v = values.getOrDefault(m.key(), Map.of());
            Double jtls = v.get("jtls");
            Double best = best(m, v.get("haproxy"), v.get("nginx"));
            Double ratio = jtls == null || best == null || best == 0 ? null : jtls / best;
            md.append("| ").append(m.label());
            for (String p : PROXIES) {
                md.append(" | ").append(format(v.get(p)));
            }
            md.append(" | ").append(ratio == null ? "—" : String.format(Locale.ROOT, "%.2f×", ratio));
            md.append(" | ").append(targetText(m)).append(" | ").append(met(m, jtls, ratio)).append(" |\n");
        }
        md.append("\n## Commands\n\n```\n");
        commands.forEach(c -> md.append(c).append('\n'));
        md.append("```\n\n");
        if (!details.isEmpty()) {
            md.append("## Details\n\n```\n");
            details.forEach(d -> md.append(d).append('\n'));
            md.append("```\n\n");
        }
        md.append(NOTES_MARKER).append('\n');
        if (!notes.isEmpty()) {
            md.append('\n').append(notes).append('\n');
        }
        return md.toString();
    }

    private static Double best(Metric m, Double a, Double b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return m.better() == Better.HIGHER ? Math.max(a, b) : Math.min(a, b);
    }

    private static String targetText(Metric m) {
        if (m.target() == null) {
            return "";
        }
        if (m.absolute()) {
            return String.format(Locale.ROOT, "≤ %.0f", m.target());
        }
        return String.format(Locale.ROOT, "%s %.2f×", m.better() == Better.HIGHER ? "≥" : "≤", m.target());
    }

    private static String met(Metric m, Double jtls, Double ratio) {
        if (m.target() == null) {
            return "";
        }
        Double x = m.absolute() ? jtls : ratio;
        if (x == null) {
            return "n/a";
        }
        boolean ok = m.better() == Better.HIGHER ? x >= m.target() : x <= m.target();
        if (ok) {
            return "met";
        }
        double by = m.better() == Better.HIGHER ? 1 - x / m.target() : x / m.target() - 1;
        return String.format(Locale.ROOT, "**missed** by %.0f%%", by * 100);
    }

    private static String format(Double v) {
        if (v == null) {
            return "—";
        }
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
