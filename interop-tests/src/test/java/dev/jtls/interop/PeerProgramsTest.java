package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer that is not installed fails its test with what to install; it never passes or counts as "refused". */
class PeerProgramsTest {
    private static final String MISSING_GNUTLS_CLI = "/nonexistent-jtls-test-dir/gnutls-cli";

    @Test
    void startingAMissingPeerFailsNamingThePackage() {
        assertThatThrownBy(() -> Peer.start("gnutls-cli", List.of(MISSING_GNUTLS_CLI, "--version")))
                .isInstanceOf(PeerPrograms.Missing.class)
                .hasMessageStartingWith("gnutls-cli not found at " + MISSING_GNUTLS_CLI + ": install gnutls-bin");
    }

    @Test
    void aMissingProgramBehindStdbufIsFoundOut() {
        assertThatThrownBy(() -> PeerPrograms.require(List.of("stdbuf", "-oL", "-eL", "/nonexistent-jtls-test-dir/gnutls-serv",
                "--port", "1")))
                .isInstanceOf(PeerPrograms.Missing.class)
                .hasMessageContaining("gnutls-serv not found").hasMessageContaining("install gnutls-bin");
    }

    @Test
    void aMissingPeerIsAFailedCellNotARefusal() {
        Matrix matrix = new Matrix("0-test-only", "not written", "not written");
        Matrix.Row row = new Matrix.Row("gnutls", "jtls-server", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "x25519");
        Cells cells = new Cells(matrix, row);
        cells.check("full", () -> Peer.start("gnutls-cli", List.of(MISSING_GNUTLS_CLI)).close());
        assertThatThrownBy(cells::assertAllOk).hasMessageContaining("gnutls-cli not found");
        assertThat(matrix.render()).contains("| FAIL: gnutls-cli not found").doesNotContain("refused:");
    }

    @Test
    void anInstalledProgramIsFound() {
        // The JVM running this test is certainly installed.
        String java = System.getProperty("java.home") + "/bin/java";
        assertThat(PeerPrograms.requireProgram(java)).hasFileName("java");
    }
}
