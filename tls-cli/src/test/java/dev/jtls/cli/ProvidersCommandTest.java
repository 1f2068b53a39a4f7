package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {
    @Test
    void everyBackendPassesTheSelfCheck() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run("providers");
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("bc ", "jca ", "default ").doesNotContain("FAILED");
        assertThat(out).contains("public suffix list " + dev.jtls.pki.PublicSuffixList.version());
        assertThat(code).as(out).isZero();
    }
}
