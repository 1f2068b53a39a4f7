package dev.jtls.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The top-level {@code workers:} (event-loop threads): absent is 0 (Netty's default), out of range names the line. */
class WorkersConfigTest {
    private static ProxyConfig parse(String prefix) throws Exception {
        Path example = ExampleConfigTest.EXAMPLE.toAbsolutePath().normalize();
        return ConfigLoader.parse(prefix + Files.readString(example), "lb.yaml", example.getParent());
    }

    @Test
    void workersIsReadAndDefaultsToZero() throws Exception {
        assertThat(parse("").workers()).isZero();
        assertThat(parse("workers: 3\n").workers()).isEqualTo(3);
    }

    @Test
    void aNegativeWorkersCountNamesTheLine() {
        assertThatThrownBy(() -> parse("workers: -1\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lb.yaml:1").hasMessageContaining("workers");
    }
}
