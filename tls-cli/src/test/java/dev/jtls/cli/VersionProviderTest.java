package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionProviderTest {
    /** The version Maven builds this module as, handed to the test JVM by the pom (not written here). */
    private static final String PROJECT_VERSION = System.getProperty("jtls.project.version");

    @Test
    void dashVPrintsTheProjectVersion() {
        assertThat(PROJECT_VERSION).as("jtls.project.version from the pom").isNotBlank();
        Captured c = Captured.run("-V");
        assertThat(c.code()).isZero();
        assertThat(c.out().lines().findFirst()).contains("jtls " + PROJECT_VERSION);
        assertThat(c.out()).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void theVersionIsFilledInByTheBuild() {
        assertThat(VersionProvider.projectVersion()).isEqualTo(PROJECT_VERSION).doesNotContain("${");
    }
}
