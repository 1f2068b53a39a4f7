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
 * full and resumed handshakes per second, and bulk throughput — each operation checked. Rough
 * figures only (one JVM, short runs, no forks); the JMH suite ({@code benchmarks/run.sh}) is the
 * real measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure jtls against SunJSSE in this JVM for a few seconds each: full handshakes/s "
                + "(ECDHE_ECDSA P-256, ECDHE_RSA x25519, RSA key exchange), resumed handshakes/s (session id) and "
                + "bulk MB/s (16 KiB records, AES-128-GCM and ChaCha20-Poly1305).",
            "In memory, one thread, no sockets; every operation is checked. Rough figures: "
                + "bash benchmarks/run.sh (JMH) gives the real ones."})
final class BenchCommand implements Callable<Integer> {
    static final String AGAINST = "SunJSSE";

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1",
            description = "Time for each row and stack, the first fifth of it warm-up (default: ${DEFAULT-VALUE}; "
                    + "6 rows x 2 stacks).")
    double seconds;

    PrintStream out = System.out;
    /** Where progress goes; null: standard error (tests set their own). */
    Progress progress;

    /** One cell: a rate, or why there is none. */
    private record Cell(double rate, String failure) {
        String show(BenchCase row) {
            return failure != null ? "n/a" : String.format(Locale.ROOT, "%.1f %s", rate, row.unit());
        }
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
            List<BenchCase> rows = BenchCase.all();
            Progress p = progress != null ? progress : Progress.forStandardError(rows.size(), 1 + 2 * rows.size());
            p.step("making keys (ECDSA P-256, RSA 2048)");
            DemoCertificates ecdsa = DemoCertificates.create();
            DemoCertificates rsa = DemoCertificates.createRsa();
            List<BenchCase.Stack> stacks = List.of(new JtlsBench(ecdsa, rsa), new JsseBench(AGAINST, ecdsa, rsa));
            List<Cell[]> cells = new ArrayList<>();
            for (BenchCase row : rows) {
                Cell[] r = new Cell[stacks.size()];
                for (int i = 0; i < stacks.size(); i++) {
                    p.step(stacks.get(i).name() + ": " + row.label());
                    r[i] = measure(stacks.get(i), row);
                }
                cells.add(r);
                p.row(String.format(Locale.ROOT, "%s: jtls %s, %s %s", row.label(), r[0].show(row), AGAINST, r[1].show(row)));
            }
            p.finish();
            return print(rows, stacks, cells);
        } catch (Exception e) {
            System.err.println("jtls bench: " + DemoCommand.describe(e));
            return 1;
        }
    }

    /** Warm-up for a fifth of the time, then operations counted for the rest (at least one each). */
    private Cell measure(BenchCase.Stack stack, BenchCase row) {
        try {
            BenchCase.Op op = stack.prepare(row);
            long budget = (long) (seconds * 1e9);
            long warmUp = budget / 5;
            long start = System.nanoTime();
            do {
                op.run();
            } while (System.nanoTime() - start < warmUp);
            long units = 0;
            long now;
            start = System.nanoTime();
            do {
                units += op.run();
                now = System.nanoTime();
            } while (now - start < budget - warmUp);
            return new Cell(row.rate(units, now - start), null);
        } catch (Exception | AssertionError e) {
            return new Cell(0, DemoCommand.describe(e instanceof Exception ? (Exception) e : new Exception(e)));
        }
    }

    /** The table on standard output; 1 if a jtls cell failed (a SunJSSE cell may be n/a: its JDK may refuse a suite). */
    private int print(List<BenchCase> rows, List<BenchCase.Stack> stacks, List<Cell[]> cells) {
        out.printf(Locale.ROOT, "jtls bench: %s vs %s, in memory, one thread, %.1f s per row and stack%n",
                stacks.get(0).name(), stacks.get(1).name(), seconds);
        out.printf(Locale.ROOT, "Java %s (%s, %s), %s %s, %d processors%n%n", Runtime.version(),
                System.getProperty("java.vm.name"), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        String format = "%-48s %16s %16s %13s%n";
        out.printf(Locale.ROOT, format, "", stacks.get(0).name(), stacks.get(1).name(), "jtls/" + stacks.get(1).name());
        List<String> notes = new ArrayList<>();
        int exit = 0;
        for (int i = 0; i < rows.size(); i++) {
            BenchCase row = rows.get(i);
            Cell[] c = cells.get(i);
            for (int s = 0; s < c.length; s++) {
                if (c[s].failure() != null) {
                    notes.add("[" + (notes.size() + 1) + "] " + stacks.get(s).name() + ", " + row.label() + ": " + c[s].failure());
                    exit = s == 0 ? 1 : exit;
                }
            }
            String ratio = c[0].failure() == null && c[1].failure() == null
                    ? String.format(Locale.ROOT, "%.2f", c[0].rate() / c[1].rate()) : "-";
            out.printf(Locale.ROOT, format, row.label(), c[0].show(row), c[1].show(row), ratio);
        }
        out.println();
        String groups = JsseBench.groupCaveat();
        if (groups != null) {
            notes.add(groups + " for the P-256 row.");
        }
        for (String n : notes) {
            out.println(n);
        }
        out.println("Rough figures: one JVM, short runs, no forks; MB = 10^6 bytes. "
                + "bash benchmarks/run.sh (JMH) gives the real figures.");
        return exit;
    }
}
