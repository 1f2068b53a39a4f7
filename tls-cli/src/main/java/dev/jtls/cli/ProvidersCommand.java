package dev.jtls.cli;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.DefaultChoice;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code jtls providers}: a self-check of each crypto backend. Every primitive of the
 * {@link CryptoProvider} SPI runs on each backend and is held against the others (see
 * {@link PrimitiveChecks}), so a broken backend shows up here before it shows up in a handshake;
 * for each family the table says which backend the default provider uses and the measured speed
 * that choice rests on.
 */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = {"Self-check the crypto backends (bc, jca, default) against each other: every hash, HMAC, "
                + "PRF, AEAD and CBC cipher, ECDHE group, RSA premaster encryption/decryption and signature scheme "
                + "(sign and verify).",
            "For each family, which backend the default provider uses and the benchmark figures (ops/s) behind the choice."})
final class ProvidersCommand implements Callable<Integer> {
    PrintStream out = System.out;

    @Override
    public Integer call() {
        List<CryptoProvider> providers = List.of(
                CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults());
        int code = run(providers, new PrimitiveChecks().all(), out);
        out.println("public suffix list " + dev.jtls.pki.PublicSuffixList.version());
        return code;
    }

    /** Runs every check on every backend; prints the table; 0 if all passed, 1 otherwise. */
    static int run(List<CryptoProvider> providers, List<PrimitiveChecks.Check> checks, PrintStream out) {
        String format = "  %-34s" + " %-6s".repeat(providers.size()) + "  %s%n";
        int failures = 0;
        int passed = 0;
        DefaultChoice family = null;
        for (PrimitiveChecks.Check c : checks) {
            if (c.choice() != family) {
                family = c.choice();
                out.printf(Locale.ROOT, "%n%s: the default uses %s (%s)%n", family.family(), family.backend().label(),
                        family.measured());
                Object[] header = new Object[providers.size() + 2];
                header[0] = "";
                for (int i = 0; i < providers.size(); i++) {
                    header[i + 1] = providers.get(i).name();
                }
                header[providers.size() + 1] = "";
                out.printf(Locale.ROOT, format, header);
            }
            Object[] row = new Object[providers.size() + 2];
            row[0] = c.primitive();
            StringBuilder problems = new StringBuilder();
            for (int i = 0; i < providers.size(); i++) {
                CryptoProvider p = providers.get(i);
                try {
                    c.body().run(p, providers);
                    row[i + 1] = "ok";
                    passed++;
                } catch (Exception | AssertionError e) {
                    row[i + 1] = "FAILED";
                    failures++;
                    problems.append(problems.length() == 0 ? "" : "; ").append(p.name()).append(": ").append(e.getMessage());
                }
            }
            row[providers.size() + 1] = problems.toString();
            out.printf(Locale.ROOT, format, row);
        }
        out.printf(Locale.ROOT, "%n%d checks on %d backends: %d ok, %d failed.%n", checks.size(), providers.size(), passed,
                failures);
        out.println("Speeds: JMH medians, ops/s, JDK 17, both backends in one run (benchmarks/RESULTS.md, "
                + "RESULTS-primitives.md).");
        return failures == 0 ? 0 : 1;
    }
}
