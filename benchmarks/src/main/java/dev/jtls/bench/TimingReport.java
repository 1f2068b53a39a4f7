package dev.jtls.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes a timing run as Markdown: per experiment, the Friedman test and each class against the baseline. */
final class TimingReport {
    /** A Holm-adjusted p below this is reported as a distinguishable class. */
    static final double ALPHA = 1e-5;

    /** What may differ and what must not (printed with every report). */
    static final String READING = "How to read it: a difference matters only between classes an attacker can make and"
            + " that differ in something secret. For RSA, the padding classes (wrong first or second byte, no or an"
            + " early zero separator, wrong version, too long a plaintext) must not differ from a valid ciphertext"
            + " (RFC 5246 §7.4.7.1); a ciphertext of the wrong length, equal to or above the modulus, or zero is"
            + " refused on public values alone, before any private-key operation, and may be faster. For"
            + " MAC-then-encrypt CBC, bad MACs and bad paddings at every padding length must not differ from each"
            + " other (Lucky 13); all of them differ from a good record, which the peer learns anyway from the"
            + " bad_record_mac alert that ends the connection. For encrypt-then-MAC, a bad MAC is refused before"
            + " decryption, and a bad padding under a valid MAC can only come from the key's holder.\n";

    private TimingReport() {
    }

    static String render(List<TimingHarness.Experiment> experiments, String command, Instant when, double loadBefore,
                         double loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("# Timing side channels: RSA key exchange and CBC records\n\n");
        md.append("Run ").append(when).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(String.format(Locale.ROOT,
                        ", load average %.2f before and %.2f after.", loadBefore, loadAfter)).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("Each class is measured once per round, the classes in random order, after a JIT warm-up; the"
                + " samples are paired by round. Friedman's test over all classes (ranks within rounds); each class"
                + " against the first (the baseline) by the Wilcoxon signed-rank test and the sign test (zero differences"
                + " dropped), each Holm-corrected over the table; the median of the paired differences with a bootstrap 95%"
                + " confidence interval (1,000 resamples). A class is distinguishable when either Holm p is below "
                + String.format(Locale.ROOT, "%.0e", ALPHA) + ". The second table of each experiment repeats the tests"
                + " among the classes that must take the same time, against the first of them, with Friedman's test over"
                + " just those.\n\n");
        md.append(READING);
        if (loadBefore > Runtime.getRuntime().availableProcessors()) {
            md.append("\n**Indicative only:** the load average was above the number of cores; a claim needs a quiet machine"
                    + " and 200,000 samples per class.\n");
        }
        for (TimingHarness.Experiment e : experiments) {
            int n = e.samples()[0].length;
            TimingStats.Friedman f = TimingStats.friedman(e.samples());
            md.append("\n## ").append(e.title()).append("\n\n");
            md.append(String.format(Locale.ROOT, "Samples per class: %d. Friedman: χ² = %.2f, df = %d, p = %.3g.%n%n",
                    n, f.statistic(), f.degreesOfFreedom(), f.p()));
            md.append(String.format(Locale.ROOT, "Baseline: %s, median %.0f ns.%n%n", e.names()[0],
                    TimingStats.median(e.samples()[0])));
            table(e, TimingStats.againstBaseline(e.names(), e.samples(), 7), md);
            int[] same = e.sameTime();
            TimingStats.Friedman g = TimingStats.friedman(e.samples(), same);
            List<TimingStats.Pair> pairs = TimingStats.againstFirst(e.names(), e.samples(), same, 11);
            long distinguishable = pairs.stream().filter(p -> p.pHolm() < ALPHA).count();
            md.append(String.format(Locale.ROOT, "%nMust take the same time: %s (%d classes). Friedman over them:"
                    + " χ² = %.2f, df = %d, p = %.3g. Against %s:%n%n", e.why(), same.length, g.statistic(),
                    g.degreesOfFreedom(), g.p(), e.names()[same[0]]));
            table(e, pairs, md);
            md.append(String.format(Locale.ROOT, "%n**%s**%n", distinguishable == 0
                    ? "None of these classes is distinguishable (every Holm p ≥ " + String.format(Locale.ROOT, "%.0e", ALPHA)
                    + "; the CI half-width is the resolution of this run)."
                    : distinguishable + " of these classes distinguishable: a timing difference to find and fix."));
        }
        return md.toString();
    }

    private static void table(TimingHarness.Experiment e, List<TimingStats.Pair> pairs, StringBuilder md) {
        md.append("| class | median (ns) | median difference (ns) | 95% CI | CI half-width (ns) | p Wilcoxon | p sign"
                + " | Holm p Wilcoxon | Holm p sign | distinguishable? |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (TimingStats.Pair p : pairs) {
            int c = java.util.Arrays.asList(e.names()).indexOf(p.name());
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %+.1f | [%+.1f, %+.1f] | %.1f | %.3g | %.3g | %.3g | %.3g | %s |%n",
                    p.name(), TimingStats.median(e.samples()[c]), p.medianDiff(), p.ciLow(), p.ciHigh(),
                    p.ciWidth() / 2, p.pWilcoxon(), p.pSign(), p.holmWilcoxon(), p.holmSign(),
                    p.pHolm() < ALPHA ? "yes" : "no"));
        }
    }

    static void write(Path file, String report) throws IOException {
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }
}
