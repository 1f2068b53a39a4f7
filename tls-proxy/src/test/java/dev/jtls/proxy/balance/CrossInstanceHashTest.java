package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.config.BackendConfig;
import dev.jtls.proxy.config.PoolConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ip_hash sends a client to the same back end on every instance with the same configuration. */
class CrossInstanceHashTest {

    @Test
    void twoInstancesWithTheSameConfigPickTheSame() throws Exception {
        PoolState one = PickPrinter.pool();
        PoolState two = PickPrinter.pool();
        // Instance one has served traffic and seen state changes; the choice must not depend on history.
        for (int i = 0; i < 500; i++) {
            one.pick(PickKey.NONE, java.util.Set.of());
        }
        String picks = PickPrinter.picks(one);
        assertThat(PickPrinter.picks(two)).isEqualTo(picks);
        assertThat(picks.lines().distinct().count()).isEqualTo(5);

        // The same back end leaving both instances: they still agree, and only its clients moved.
        one.remove("b2");
        two.remove("b2");
        String after = PickPrinter.picks(one);
        assertThat(PickPrinter.picks(two)).isEqualTo(after);
        List<String> before = picks.lines().toList();
        List<String> now = after.lines().toList();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals("b2")) {
                assertThat(now.get(i)).isEqualTo(before.get(i));
            }
        }
    }

    @Test
    void theOrderOfBackEndsInTheFileDoesNotMatter() throws Exception {
        PoolConfig config = TestPools.pool(PolicyKind.IP_HASH, Duration.ZERO, 1, 2, 3, 1, 1);
        List<BackendConfig> reversed = new ArrayList<>(config.backends());
        Collections.reverse(reversed);
        PoolState shuffled = new PoolState(new PoolConfig(config.name(), config.policy(), config.hashKey(), reversed,
                config.health(), config.passive(), config.slowStart(), config.timeouts(), config.keepAlive(), config.tls()),
                Clock.systemUTC(), null);
        assertThat(PickPrinter.picks(shuffled)).isEqualTo(PickPrinter.picks(PickPrinter.pool()));
    }

    @Test
    void aFreshJvmPicksTheSame() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Path out = Path.of("target", "pick-printer-" + ProcessHandle.current().pid() + ".txt");
        // A different heap size and hash-code mode change every identity hash and object layout in the child.
        Process child = new ProcessBuilder(javaBin, "-Xmx64m", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2",
                "-cp", classPath, PickPrinter.class.getName())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
            assertThat(child.exitValue()).isZero();
            String fromChild = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(fromChild.lines().count()).isEqualTo(PickPrinter.COUNT);
            assertThat(fromChild).isEqualTo(PickPrinter.picks(PickPrinter.pool()));
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(out);
        }
        assertThat(new File(javaBin)).exists();
    }
}
