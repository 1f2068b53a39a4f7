package dev.jtls.bench;

import java.util.List;
import java.util.Locale;

/**
 * The parts of RESULTS.md that set the handshake and bulk tables against jtls's performance targets
 * (each full-handshake row within a set ratio of the best of SunJSSE and BCJSSE, see HANDSHAKES): each
 * handshake row's cost next to its public-key floor ({@link FloorBench}) in µs, and one table of
 * every target with the ratio this run measured. All figures are medians from the same JMH run.
 */
final class Targets {
    /** A full-handshake row and the ratio to the best of SunJSSE and BCJSSE it must reach. */
    private record HandshakeTarget(String row, double ratio) {
    }

    private static final List<HandshakeTarget> HANDSHAKES = List.of(
            new HandshakeTarget("ECDHE_RSA_P256", 1.5), new HandshakeTarget("ECDHE_RSA_X25519", 1.2),
            new HandshakeTarget("ECDHE_ECDSA_P256", 2.0), new HandshakeTarget("RSA", 1.04));

    /**
     * The same rows through jtls's own SSLEngine ({@code jtls_jsse}): the path Netty, HttpClient and
     * {@code jtls proxy} take must reach the sans-IO connection's targets, RSA key exchange at 1.1×.
     */
    private static final List<HandshakeTarget> ENGINE_HANDSHAKES = List.of(
            new HandshakeTarget("ECDHE_RSA_P256", 1.5), new HandshakeTarget("ECDHE_RSA_X25519", 1.2),
            new HandshakeTarget("ECDHE_ECDSA_P256", 2.0), new HandshakeTarget("RSA", 1.1));

    private Targets() {
    }

    /** The SSLEngine's targets: every row measured with {@code impl=jtls_jsse} against the peers of the same run. */
    static void engineSummary(List<Results.Entry> all, StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        for (HandshakeTarget t : ENGINE_HANDSHAKES) {
            row(rows, "full handshake " + t.row() + " vs best of SunJSSE/BCJSSE", t.ratio(),
                    find(all, "HandshakeBench", "full", "jtls_jsse", "row", t.row()), bestPeer(all, t.row()));
        }
        Results.Entry sunId = find(all, "ResumptionBench", "sessionId", "sunjsse", null, null);
        Results.Entry jsseId = find(all, "ResumptionBench", "sessionId", "jtls_jsse", null, null);
        row(rows, "resumed handshake (session id) vs SunJSSE", 1.5, jsseId, sunId);
        Results.Entry sunTicket = find(all, "TicketResumptionBench", "ticket", "sunjsse", null, null);
        Results.Entry jsseTicket = find(all, "TicketResumptionBench", "ticket", "jtls_jsse", null, null);
        row(rows, "resumed handshake (ticket) vs SunJSSE", 1.5, jsseTicket, sunTicket);
        allocation(rows, "allocation per resumption (session id) ≤ SunJSSE's", jsseId, sunId);
        allocation(rows, "allocation per resumption (ticket) ≤ SunJSSE's", jsseTicket, sunTicket);
        for (String suite : List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")) {
            Results.Entry jsse = find(all, "BulkBench", "transfer", "jtls_jsse", "suite", suite);
            Results.Entry sun = find(all, "BulkBench", "transfer", "sunjsse", "suite", suite);
            row(rows, "bulk " + suite + " vs SunJSSE", 1.1, jsse, sun);
            allocation(rows, "bulk " + suite + ": allocation ≤ SunJSSE's", jsse, sun);
        }
        if (rows.length() == 0) {
            return;
        }
        out.append("\n## Targets through jtls's SSLEngine (jtls_jsse) in this run\n\n")
                .append("Ratios of medians from this run, `jtls_jsse` against the peers (> 1: jtls's SSLEngine is faster; ")
                .append("for allocation, < 1 is less). A target holds when the ratio reaches it.\n\n")
                .append("| Target | needed | measured | holds |\n|---|---:|---:|---|\n").append(rows);
    }

    private static Results.Entry bestPeer(List<Results.Entry> all, String row) {
        Results.Entry best = null;
        for (String peer : Results.PEERS) {
            Results.Entry e = find(all, "HandshakeBench", "full", peer, "row", row);
            if (e != null && (best == null || e.median > best.median)) {
                best = e;
            }
        }
        return best;
    }

    private static void allocation(StringBuilder rows, String what, Results.Entry jtls, Results.Entry peer) {
        if (jtls == null || peer == null || Double.isNaN(jtls.allocPerOp) || Double.isNaN(peer.allocPerOp)) {
            return;
        }
        rows.append("| ").append(what).append(" | ≤ 1.00× | ").append(Results.number(jtls.allocPerOp)).append(" vs ")
                .append(Results.number(peer.allocPerOp)).append(" B/op (")
                .append(Results.ratio(jtls.allocPerOp, peer.allocPerOp)).append(") | ")
                .append(jtls.allocPerOp <= peer.allocPerOp ? "yes" : "**no**").append(" |\n");
    }

    /** Per handshake row: the implementations' µs/op next to the sum of the row's public-key operations. */
    static void handshakeVersusFloor(List<Results.Entry> all, StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        for (HandshakeTarget t : HANDSHAKES) {
            Results.Entry floor = find(all, "FloorBench", "publicKeyOps", "", "row", t.row());
            Results.Entry jtls = find(all, "HandshakeBench", "full", "jtls", "row", t.row());
            if (floor == null || jtls == null) {
                continue;
            }
            double floorUs = 1e6 / floor.median;
            double jtlsUs = 1e6 / jtls.median;
            rows.append("| ").append(t.row()).append(" | ").append(Results.number(floorUs)).append(" | ")
                    .append(Results.number(jtlsUs)).append(" | ").append(Results.number(jtlsUs - floorUs)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f%%", 100 * floorUs / jtlsUs)).append(" |");
            for (String peer : Results.PEERS) {
                Results.Entry e = find(all, "HandshakeBench", "full", peer, "row", t.row());
                rows.append(' ').append(e == null ? "–" : Results.number(1e6 / e.median)).append(" |");
            }
            rows.append('\n');
        }
        if (rows.length() == 0) {
            return;
        }
        out.append("\n## Full handshakes against their public-key floor (same run)\n\n")
                .append("µs per handshake (client and server together) = 10^6 / median ops/s. The floor is FloorBench: ")
                .append("every public-key operation of the row, through jtls's default provider, nothing else. ")
                .append("floor / jtls: the share of jtls's handshake that is public-key work.\n\n")
                .append("| Row | floor µs | jtls µs | jtls − floor µs | floor / jtls |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
        for (String peer : Results.PEERS) {
            out.append(' ').append(peer).append(" µs |");
            rule.append("---:|");
        }
        out.append('\n').append(rule).append('\n').append(rows);
    }

    /** Every performance target this run has figures for, with the ratio measured. */
    static void summary(List<Results.Entry> all, StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        for (HandshakeTarget t : HANDSHAKES) {
            Results.Entry jtls = find(all, "HandshakeBench", "full", "jtls", "row", t.row());
            row(rows, "full handshake " + t.row() + " vs best of SunJSSE/BCJSSE", t.ratio(), jtls, bestPeer(all, t.row()));
        }
        row(rows, "resumed handshake (session id) vs SunJSSE", 1.5,
                find(all, "ResumptionBench", "sessionId", "jtls", null, null),
                find(all, "ResumptionBench", "sessionId", "sunjsse", null, null));
        row(rows, "resumed handshake (ticket) vs SunJSSE", 1.5,
                find(all, "TicketResumptionBench", "ticket", "jtls", null, null),
                find(all, "TicketResumptionBench", "ticket", "sunjsse", null, null));
        // Class, suite, ratio needed, the jtls implementation measured against SunJSSE. SunJSSE has no
        // encrypt_then_mac (RFC 7366), so the CBC target takes jtls with it off (jtls_mte): like for like.
        String[][] bulk = {
            {"BulkBench", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "1.1", "jtls"},
            {"BulkBench", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "1.1", "jtls"},
            {"ChaChaBulkBench", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "1.0", "jtls"},
            {"CbcBulkBench", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "1.0", "jtls_mte"},
        };
        for (String[] b : bulk) {
            Results.Entry jtls = find(all, b[0], "transfer", b[3], "suite", b[1]);
            Results.Entry sun = find(all, b[0], "transfer", "sunjsse", "suite", b[1]);
            boolean mte = b[3].equals("jtls_mte");
            row(rows, "bulk " + b[1] + (mte ? ", both MAC-then-encrypt (jtls_mte)," : "") + " vs SunJSSE",
                    Double.parseDouble(b[2]), jtls, sun);
            if (mte) {
                // Not a target (not like for like), but what jtls's default, encrypt-then-MAC, costs.
                Results.Entry etm = find(all, b[0], "transfer", "jtls", "suite", b[1]);
                if (etm != null && sun != null) {
                    rows.append("| bulk ").append(b[1]).append(": jtls encrypt-then-MAC (its default) vs SunJSSE")
                            .append(" MAC-then-encrypt | – | ").append(Results.ratio(etm.median, sun.median))
                            .append(" | (not like for like) |\n");
                }
            }
            Results.Entry primitive = find(all, "GcmPrimitiveBench", "sealOpen", "jca_primitive", "suite", b[1]);
            row(rows, "bulk " + b[1] + " vs the bare JCA AES-GCM primitive (seal + open)", 0.9, jtls, primitive);
            if (jtls != null && !Double.isNaN(jtls.allocPerOp)) {
                boolean zero = jtls.allocPerOp < 1;
                rows.append("| bulk ").append(b[1]).append(": ").append(b[3]).append(" allocation on the data path | 0 B/op | ")
                        .append(Results.number(jtls.allocPerOp)).append(" B/op | ").append(zero ? "yes" : "**no**")
                        .append(" |\n");
                if (primitive != null && !Double.isNaN(primitive.allocPerOp)) {
                    // What the JDK's Cipher.init allocates per record is the primitive's own B/op;
                    // the rest is jtls's.
                    double own = Math.max(0, jtls.allocPerOp - primitive.allocPerOp);
                    rows.append("| bulk ").append(b[1]).append(": jtls's own allocation (jtls B/op − the JCA primitive's ")
                            .append(Results.number(primitive.allocPerOp)).append(" B/op) | 0 B/op | ")
                            .append(Results.number(own)).append(" B/op | ").append(own < 1 ? "yes" : "**no**").append(" |\n");
                }
            }
        }
        if (rows.length() == 0) {
            return;
        }
        out.append("\n## Issue 8 targets in this run\n\n")
                .append("Ratios of medians from this run (> 1: jtls is faster). A target holds when the ratio reaches it.\n\n")
                .append("| Target | needed | measured | holds |\n|---|---:|---:|---|\n").append(rows);
    }

    private static void row(StringBuilder rows, String what, double needed, Results.Entry jtls, Results.Entry peer) {
        if (jtls == null || peer == null) {
            return;
        }
        double r = jtls.median / peer.median;
        rows.append("| ").append(what).append(peer.backend.equals("sunjsse") ? "" : " (" + peer.backend + ")")
                .append(" | ").append(String.format(Locale.ROOT, "≥ %.2f×", needed)).append(" | ")
                .append(Results.ratio(jtls.median, peer.median)).append(" | ").append(r >= needed ? "yes" : "**no**")
                .append(" |\n");
    }

    /** The entry of this class, method and implementation, with {@code param = value} if a param is given. */
    private static Results.Entry find(List<Results.Entry> all, String className, String method, String impl,
                                      String param, String value) {
        for (Results.Entry e : all) {
            if (e.className.equals(className) && e.method.equals(method) && e.backend.equals(impl)
                    && (param == null || value.equals(e.otherParams.get(param)))) {
                return e;
            }
        }
        return null;
    }
}
