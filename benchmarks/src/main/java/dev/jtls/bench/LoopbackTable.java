package dev.jtls.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The figures of {@link LoopbackBench} and their Markdown tables. */
final class LoopbackTable {
    private LoopbackTable() {
    }

    /** What one row measures. */
    enum Kind {
        FULL("full"), RESUMED("resumed (session id)"), BULK("bulk");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One repetition: {@code units} handshakes (or payload bytes, for bulk) in {@code wall} seconds,
     * with the CPU seconds each side's process spent meanwhile.
     */
    record Sample(long units, double wall, double clientCpu, double serverCpu) {
        double rate() {
            return units / wall;
        }

        double perClientCpu() {
            return clientCpu > 0 ? units / clientCpu : Double.NaN;
        }

        double perServerCpu() {
            return serverCpu > 0 ? units / serverCpu : Double.NaN;
        }
    }

    /** One row: a client, a server, a kind, and its repetitions (each already checked). */
    record Result(String client, String server, Kind kind, List<Sample> samples) {
    }

    static String handshakes(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| Client | Server | Handshake | handshakes/s | handshakes per rep | wall s | client CPU s | server CPU s "
                + "| handshakes per client CPU-s | handshakes per server CPU-s |\n");
        b.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : sorted(results)) {
            if (r.kind() != Kind.BULK) {
                row(b, r, 1);
            }
        }
        return b.toString();
    }

    static String bulk(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| Client | Server | MB/s | MB per rep | wall s | client CPU s | server CPU s "
                + "| MB per client CPU-s | MB per server CPU-s |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : sorted(results)) {
            if (r.kind() == Kind.BULK) {
                row(b, r, 1e6);
            }
        }
        return b.toString();
    }

    /**
     * In the order of the task: jtls ↔ jtls, SunJSSE ↔ SunJSSE, jtls ↔ s_server, s_time ↔ jtls,
     * s_time ↔ s_server (stable: full, resumed, bulk within each pair).
     */
    private static List<Result> sorted(List<Result> results) {
        return results.stream().sorted(java.util.Comparator.comparingInt(LoopbackTable::pairRank)).toList();
    }

    private static int pairRank(Result r) {
        boolean sTime = r.client().startsWith("openssl");
        boolean sServer = r.server().startsWith("openssl");
        if (sTime) {
            return sServer ? 4 : 3;
        }
        if (sServer) {
            return 2;
        }
        return r.client().startsWith("jtls") ? 0 : 1;
    }

    private static void row(StringBuilder b, Result r, double unit) {
        List<Sample> s = r.samples();
        b.append("| ").append(r.client()).append(" | ").append(r.server()).append(" | ")
                .append(r.kind() == Kind.BULK ? "" : r.kind().label + " | ")
                .append(spread(s, x -> x.rate() / unit)).append(" | ")
                .append(unit == 1 ? String.format(Locale.ROOT, "%,.0f", median(s, x -> x.units()))
                        : Results.number(median(s, x -> x.units() / unit))).append(" | ")
                .append(fixed(median(s, Sample::wall))).append(" | ")
                .append(fixed(median(s, Sample::clientCpu))).append(" | ")
                .append(fixed(median(s, Sample::serverCpu))).append(" | ")
                .append(spread(s, x -> x.perClientCpu() / unit)).append(" | ")
                .append(spread(s, x -> x.perServerCpu() / unit)).append(" |\n");
    }

    /** Median and, over more than one repetition, (min–max). */
    private static String spread(List<Sample> s, ToDoubleFunction<Sample> f) {
        double[] v = s.stream().mapToDouble(f).sorted().toArray();
        if (Double.isNaN(v[v.length - 1]) || Double.isNaN(v[0])) {
            return "–";
        }
        String m = Results.number(median(s, f));
        return v.length == 1 ? m : m + " (" + Results.number(v[0]) + "–" + Results.number(v[v.length - 1]) + ")";
    }

    static double median(List<Sample> s, ToDoubleFunction<Sample> f) {
        double[] v = s.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
