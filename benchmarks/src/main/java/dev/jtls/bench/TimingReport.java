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
    /** Holm-adjusted p below this is reported as a difference. */
    static final double ALPHA = 0.01;

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
                + " against the first (the baseline) by the Wilcoxon signed-rank test, Holm-corrected; the median of"
                + " the paired differences with a bootstrap 95% confidence interval (1,000 resamples). A Holm p below "
                + ALPHA + " is marked as a difference.\n");
        for (TimingHarness.Experiment e : experiments) {
            int n = e.samples()[0].length;
            TimingStats.Friedman f = TimingStats.friedman(e.samples());
            md.append("\n## ").append(e.title()).append("\n\n");
            md.append(String.format(Locale.ROOT, "Samples per class: %d. Friedman: χ² = %.2f, df = %d, p = %.3g.%n%n",
                    n, f.statistic(), f.degreesOfFreedom(), f.p()));
            md.append(String.format(Locale.ROOT, "Baseline: %s, median %.0f ns.%n%n", e.names()[0],
                    TimingStats.median(e.samples()[0])));
            md.append("| class | median (ns) | median difference (ns) | 95% CI | CI width (ns) | p | p (Holm) | difference? |\n");
            md.append("|---|---:|---:|---|---:|---:|---:|---|\n");
            List<TimingStats.Pair> pairs = TimingStats.againstBaseline(e.names(), e.samples(), 7);
            for (int i = 0; i < pairs.size(); i++) {
                TimingStats.Pair p = pairs.get(i);
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %+.1f | [%+.1f, %+.1f] | %.1f | %.3g | %.3g | %s |%n",
                        p.name(), TimingStats.median(e.samples()[i + 1]), p.medianDiff(), p.ciLow(), p.ciHigh(),
                        p.ciWidth(), p.p(), p.pHolm(), p.pHolm() < ALPHA ? "yes" : "no"));
            }
        }
        return md.toString();
    }

    static void write(Path file, String report) throws IOException {
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }
}
