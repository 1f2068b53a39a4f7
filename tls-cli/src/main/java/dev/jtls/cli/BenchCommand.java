package dev.jtls.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jtls bench}: a short, in-process measurement of jtls against SunJSSE in the same JVM —
 * full and resumed handshakes per second, and bulk throughput — each operation checked. The two
 * stacks run in short alternating rounds and each row reports the median ratio and its spread, with
 * a warning when the machine is busy or the rounds disagree. Rough figures only (one JVM, short runs,
 * no forks); the JMH suite ({@code benchmarks/run.sh}) is the real measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure jtls against SunJSSE in this JVM for a few seconds each: full handshakes/s "
                + "(ECDHE_ECDSA P-256, ECDHE_RSA x25519, RSA key exchange), resumed handshakes/s (session id) and "
                + "bulk MB/s (16 KiB records, AES-128-GCM and ChaCha20-Poly1305).",
            "In memory, one thread, no sockets; every operation is checked. The stacks alternate in short rounds; "
                + "each row shows the median ratio and its min-max over the rounds, and a warning says when the "
                + "machine was busy or the rounds disagree. Rough figures: bash benchmarks/run.sh (JMH) gives the real ones."})
final class BenchCommand implements Callable<Integer> {
    static final String AGAINST = "SunJSSE";

    /** Rounds per row: each stack runs once per round, the order alternating (see {@link BenchRounds}). */
    static final int ROUNDS = 6;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1",
            description = "Time for each row and stack, the first fifth of it warm-up, the rest split into "
                    + ROUNDS + " alternating rounds (default: ${DEFAULT-VALUE}; 6 rows x 2 stacks).")
    double seconds;

    PrintStream out = System.out;
    /** Where progress goes; null: standard error (tests set their own). */
    Progress progress;

    /** One stack's figure for a row: a rate over all its rounds, or why there is none. */
    private record Cell(double rate, String failure) {
        String show(BenchCase row) {
            return failure != null ? "n/a" : String.format(Locale.ROOT, "%.1f %s", rate, row.unit());
        }
    }

    /** A measured row: each stack's cell and, when both ran, the rounds' ratio jtls / the other. */
    private record Row(BenchCase row, Cell[] cells, BenchRounds.Ratio ratio) {
    }

    @Override
    public Integer call() {
        try {
            if (!(seconds > 0) || seconds > 600) {
                throw new IllegalArgumentException("--seconds must be more than 0 and at most 600, not " + seconds);
            }
            // SunJSSE reads this once, when it starts: off, so that it too resumes by session id rather than ticket.
            if (System.getProperty("jdk.tls.server.enableSessionTicketExtension") == null) {
                System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
            }
            MachineLoad before = MachineLoad.now();
            List<BenchCase> rows = BenchCase.all();
            Progress p = progress != null ? progress : Progress.forStandardError(rows.size(), 1 + rows.size() * (1 + ROUNDS));
            p.step("making keys (ECDSA P-256, RSA 2048)");
            DemoCertificates ecdsa = DemoCertificates.create();
            DemoCertificates rsa = DemoCertificates.createRsa();
            List<BenchCase.Stack> stacks = List.of(new JtlsBench(ecdsa, rsa), new JsseBench(AGAINST, ecdsa, rsa));
            List<Row> measured = new ArrayList<>();
            for (BenchCase row : rows) {
                Row r = measure(stacks, row, p);
                measured.add(r);
                p.row(String.format(Locale.ROOT, "%s: jtls %s, %s %s", row.label(), r.cells()[0].show(row), AGAINST,
                        r.cells()[1].show(row)));
            }
            p.finish();
            return print(stacks, measured, before, MachineLoad.now());
        } catch (Exception e) {
            System.err.println("jtls bench: " + DemoCommand.describe(e));
            return 1;
        }
    }

    /** Accumulates one stack's work over the rounds of a row. */
    private static final class Tally {
        BenchCase.Op op;
        String failure;
        long units;
        long nanos;
        double lastRate;
    }

    /**
     * One row: each stack warmed up for a fifth of its time, then {@link #ROUNDS} rounds in
     * alternating order, each stack counting operations (at least one) for its share of the rest.
     */
    private Row measure(List<BenchCase.Stack> stacks, BenchCase row, Progress p) {
        long budget = (long) (seconds * 1e9);
        long warmUp = budget / 5;
        long perRound = Math.max(1, (budget - warmUp) / ROUNDS);
        Tally[] t = new Tally[stacks.size()];
        p.step("warming up: " + row.label());
        for (int s = 0; s < stacks.size(); s++) {
            t[s] = new Tally();
            try {
                t[s].op = stacks.get(s).prepare(row);
                runFor(t[s].op, warmUp);
            } catch (Exception | AssertionError e) {
                t[s].failure = describe(e);
            }
        }
        double[] ratios = new double[ROUNDS];
        int round = 0;
        for (int[] order : BenchRounds.schedule(ROUNDS, stacks.size())) {
            p.step("round " + (round + 1) + "/" + ROUNDS + ": " + row.label());
            for (int s : order) {
                if (t[s].failure != null) {
                    continue;
                }
                try {
                    long start = System.nanoTime();
                    long units = runFor(t[s].op, perRound);
                    long took = System.nanoTime() - start;
                    t[s].units += units;
                    t[s].nanos += took;
                    t[s].lastRate = row.rate(units, took);
                } catch (Exception | AssertionError e) {
                    t[s].failure = describe(e);
                }
            }
            ratios[round++] = t[0].failure == null && t[1].failure == null ? t[0].lastRate / t[1].lastRate : 0;
        }
        Cell[] cells = new Cell[stacks.size()];
        for (int s = 0; s < stacks.size(); s++) {
            cells[s] = t[s].failure != null ? new Cell(0, t[s].failure) : new Cell(row.rate(t[s].units, t[s].nanos), null);
        }
        boolean both = cells[0].failure() == null && cells[1].failure() == null;
        return new Row(row, cells, both ? BenchRounds.Ratio.of(ratios) : null);
    }

    /** Runs {@code op} until {@code nanos} have passed (at least once); returns the units done. */
    private static long runFor(BenchCase.Op op, long nanos) throws Exception {
        long units = 0;
        long start = System.nanoTime();
        do {
            units += op.run();
        } while (System.nanoTime() - start < nanos);
        return units;
    }

    private static String describe(Throwable e) {
        return DemoCommand.describe(e instanceof Exception ? (Exception) e : new Exception(e));
    }

    /** The table on standard output; 1 if a jtls cell failed (a SunJSSE cell may be n/a: its JDK may refuse a suite). */
    private int print(List<BenchCase.Stack> stacks, List<Row> rows, MachineLoad before, MachineLoad after) {
        out.printf(Locale.ROOT, "jtls bench: %s vs %s, in memory, one thread, %.1f s per row and stack in %d alternating rounds%n",
                stacks.get(0).name(), stacks.get(1).name(), seconds, ROUNDS);
        out.printf(Locale.ROOT, "Java %s (%s, %s), %s %s, %d processors%n%n", Runtime.version(),
                System.getProperty("java.vm.name"), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        String format = "%-48s %16s %16s %13s %13s%n";
        out.printf(Locale.ROOT, format, "", stacks.get(0).name(), stacks.get(1).name(), "jtls/" + stacks.get(1).name(),
                "rounds min-max");
        List<String> notes = new ArrayList<>();
        int exit = 0;
        boolean anyWide = false;
        for (Row r : rows) {
            Cell[] c = r.cells();
            for (int s = 0; s < c.length; s++) {
                if (c[s].failure() != null) {
                    notes.add("[" + (notes.size() + 1) + "] " + stacks.get(s).name() + ", " + r.row().label() + ": " + c[s].failure());
                    exit = s == 0 ? 1 : exit;
                }
            }
            BenchRounds.Ratio q = r.ratio();
            String ratio = q == null ? "-" : String.format(Locale.ROOT, "%.2f%s", q.median(), q.wide() ? " !" : "");
            String spread = q == null ? "-" : String.format(Locale.ROOT, "%.2f-%.2f", q.min(), q.max());
            anyWide |= q != null && q.wide();
            out.printf(Locale.ROOT, format, r.row().label(), c[0].show(r.row()), c[1].show(r.row()), ratio, spread);
        }
        out.println();
        String groups = JsseBench.groupCaveat();
        if (groups != null) {
            notes.add(groups + " for the P-256 row.");
        }
        for (String n : notes) {
            out.println(n);
        }
        out.println("Ratio: the median of the " + ROUNDS + " rounds' ratios; each round runs both stacks back to back, "
                + "the order alternating.");
        if (anyWide) {
            out.printf(Locale.ROOT, "Warning: rows marked ! disagree by more than %.0f%% between rounds: the machine "
                    + "was not steady; run again on a quiet machine.%n", (BenchRounds.WIDE_SPREAD - 1) * 100);
        }
        for (MachineLoad load : List.of(before, after)) {
            if (load.busy()) {
                out.printf(Locale.ROOT, "Warning: the machine was busy %s the run (%s, over %.1f per processor): "
                        + "these figures measure the other work too.%n", load == before ? "before" : "at the end of",
                        load.describe(), MachineLoad.BUSY_SHARE);
            }
        }
        out.println("Rough figures: one JVM, short runs, no forks; MB = 10^6 bytes. "
                + "bash benchmarks/run.sh (JMH) gives the real figures.");
        return exit;
    }
}
