package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code jtls bench}: every row measured on both stacks, the checks, the progress output. */
class BenchCommandTest {
    /** A number followed by the row's unit; SunJSSE may say n/a (a newer JDK refuses RSA key exchange). */
    private static final Pattern ROW = Pattern.compile(
            "^(.{48}) +([0-9.]+) (/s|MB/s) +(n/a|([0-9.]+) (/s|MB/s)) +(([0-9.]+)( !)?|-) +(([0-9.]+)-([0-9.]+)|-)$",
            Pattern.MULTILINE);

    @Test
    void aShortRunPrintsEveryRowWithPositiveFiguresForBothStacks() {
        Captured run = Captured.run("bench", "--seconds", "0.2");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("jtls bench: jtls vs SunJSSE", "in 6 alternating rounds", "Java " + Runtime.version(),
                "bash benchmarks/run.sh (JMH) gives the real figures");
        Matcher m = ROW.matcher(run.out());
        int rows = 0;
        while (m.find()) {
            BenchCase row = BenchCase.all().get(rows);
            assertThat(m.group(1).strip()).isEqualTo(row.label());
            assertThat(Double.parseDouble(m.group(2))).as(row.label()).isPositive();
            assertThat(m.group(3)).isEqualTo(row.unit());
            if (m.group(5) != null) {
                assertThat(Double.parseDouble(m.group(5))).as(row.label()).isPositive();
                double median = Double.parseDouble(m.group(8));
                assertThat(median).isPositive();
                // The median of the rounds lies within their range.
                assertThat(median).isBetween(Double.parseDouble(m.group(11)), Double.parseDouble(m.group(12)));
            } else {
                assertThat(run.out()).contains("SunJSSE, " + row.label() + ": ");
            }
            rows++;
        }
        assertThat(rows).as(run.out()).isEqualTo(BenchCase.all().size());
        // Not a terminal: one progress line per row on standard error.
        assertThat(run.err()).contains("jtls bench: 1/6 full handshake", "jtls bench: 6/6 bulk ChaCha20-Poly1305");
        assertThat(run.err()).doesNotContain("\r");
    }

    @Test
    void theJtlsChecksRefuseAnOperationThatIsNotTheIntendedOne() throws Exception {
        DemoCertificates ecdsa = DemoCertificates.create();
        DemoCertificates rsa = DemoCertificates.createRsa();
        JtlsBench jtls = new JtlsBench(ecdsa, rsa);
        // An ECDSA suite with only an RSA key: no handshake, and the operation says so.
        BenchCase impossible = new BenchCase("x", BenchCase.Kind.FULL_HANDSHAKE,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, true);
        assertThatThrownBy(() -> jtls.prepare(impossible).run()).hasMessageContaining("jtls handshake did not complete");
        // A full handshake checked as such: one operation is one handshake.
        BenchCase full = BenchCase.all().get(0);
        assertThat(jtls.prepare(full).run()).isEqualTo(1);
        JsseBench sun = new JsseBench("SunJSSE", ecdsa, rsa);
        assertThat(sun.prepare(BenchCase.all().get(3)).run()).isEqualTo(1);
        assertThat(sun.prepare(BenchCase.all().get(4)).run()).isEqualTo(BenchCase.RECORD);
        assertThatThrownBy(() -> sun.prepare(impossible).run()).isInstanceOf(Exception.class);
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 1, 2);
        p.step("jtls: a long description of the first step");
        p.step("jtls: short");
        p.row("done");
        p.finish();
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown).doesNotContain("\n").startsWith("\r[------------------------] 0/2  jtls: a long")
                .contains("\r[############------------] 1/2  jtls: short").endsWith("\r");
    }

    @Test
    void badSecondsAreRefused() {
        Captured run = Captured.run("bench", "--seconds", "0");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("jtls bench: --seconds must be more than 0 and at most 600, not 0.0");
    }

    @Test
    void helpListsTheCommand() {
        Captured run = Captured.run("--help");
        assertThat(run.out()).containsPattern("(?m)^\\s+bench\\s+Measure jtls against SunJSSE");
    }
}
