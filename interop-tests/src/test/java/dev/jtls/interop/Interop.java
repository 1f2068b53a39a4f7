package dev.jtls.interop;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** What the interop test classes share: the suite × group rows and small helpers. */
final class Interop {
    /** Bytes each way per row; the 64 MiB transfers are done once per peer × role. */
    static final int DATA = Integer.getInteger("interop.rowDataKiB", 1024) * 1024;
    /**
     * 64 MiB each way by default: thousands of full records, so long transfers, many sequence numbers
     * and buffer reuse are exercised; {@code -Dinterop.bigDataMiB=} changes it.
     */
    static final int BIG = Integer.getInteger("interop.bigDataMiB", 64) * 1024 * 1024;

    private Interop() {
    }

    /**
     * Every jtls suite, each ECDHE one with every group. {@code -Dinterop.only=REGEX} over
     * "SUITE group" restricts the rows (for working on one).
     */
    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (CipherSuite s : CipherSuite.defaultOrder()) {
            if (s.keyExchange() == CipherSuite.KeyExchange.ECDHE) {
                for (NamedGroup g : NamedGroup.values()) {
                    rows.add(Arguments.of(s, g));
                }
            } else {
                rows.add(Arguments.of(s, null));
            }
        }
        String only = System.getProperty("interop.only");
        if (only != null) {
            Pattern p = Pattern.compile(only);
            rows.removeIf(a -> !p.matcher(a.get()[0] + " " + a.get()[1]).find());
        }
        return rows.stream();
    }

    /** A note for a section when the rows were restricted. */
    static void noteRestriction(Matrix m) {
        String only = System.getProperty("interop.only");
        if (only != null) {
            m.note("this run was restricted with -Dinterop.only=" + only);
        }
    }

    static String groupColumn(NamedGroup g) {
        return g == null ? "- (RSA key exchange)" : g.name().toLowerCase(Locale.ROOT);
    }

    static String tag(CipherSuite suite, NamedGroup group) {
        return (suite.standardName() + "-" + (group == null ? "rsa" : group.name())).toLowerCase(Locale.ROOT);
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    static long seed(CipherSuite suite, NamedGroup group, int salt) {
        return suite.ordinal() * 131L + (group == null ? 7 : group.ordinal()) * 17L + salt;
    }
}
