package dev.jtls.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the idle-connection memory measurement for real, small (200 pairs, a JVM of its own per
 * implementation, as run.sh --memory does with 10,000): every implementation establishes every
 * pair, each side and the pair retain a positive amount, and the class histogram shows exactly two
 * connection objects of that implementation per pair — so the figures are about the connections
 * the table names. Ratios are measured, not asserted.
 */
class IdleMemoryTest {
    private static final int N = 200;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jtls, dev.jtls.connection.TlsConnection",
        "jtls_jsse, dev.jtls.jsse.JtlsSSLEngine",
        "sunjsse, sun.security.ssl.SSLEngineImpl",
        "bcjsse, org.bouncycastle.jsse.provider.ProvSSLEngine", // ProvSSLEngine_9 on Java 9+
    })
    void eachImplementationRetainsItsConnections(String impl, String engineClass) throws Exception {
        IdleMemory.Figures f = IdleMemory.measure(impl, "data", N, "512m");

        assertThat(f.n()).isEqualTo(N);
        assertThat(f.perPair()).as("bytes per pair").isPositive();
        assertThat(f.perClient()).as("bytes per client").isPositive();
        assertThat(f.perServer()).as("bytes per server").isPositive();
        assertThat(f.perPair()).isCloseTo(f.perClient() + f.perServer() + f.perCachedSession(),
                Offset.offset(1e-6));
        assertThat(f.connectionClass()).startsWith(engineClass);
        engineClass = f.connectionClass();
        Map<String, double[]> pair = IdleMemory.perConnection(f.histoPairs(), f.histoBase(), N);
        assertThat(pair.get(engineClass)).as(engineClass + " objects per pair").isNotNull();
        assertThat(pair.get(engineClass)[0]).as(engineClass + " objects per pair").isEqualTo(2.0);
        Map<String, double[]> client = IdleMemory.perConnection(f.histoPairs(), f.histoServers(), N);
        assertThat(client.get(engineClass)[0]).as(engineClass + " objects per client").isEqualTo(1.0);
        Map<String, double[]> caches = IdleMemory.perConnection(f.histoCaches(), f.histoBase(), N);
        assertThat(caches.getOrDefault(engineClass, new double[2])[0]).as("no connection left in the caches")
                .isEqualTo(0.0);

        String md = IdleMemory.report(List.of(f), N, "512m", "test");
        assertThat(md).contains("## After one 1 KiB application record each way").contains("| " + impl + " | ")
                .contains("### What a " + impl + " pair retains");
    }

    @Test
    void handshakeModeRunsWithoutData() throws Exception {
        IdleMemory.Figures f = IdleMemory.measure("jtls", "handshake", N, "512m");
        assertThat(f.perClient()).isPositive();
        assertThat(f.perServer()).isPositive();
    }

    @Test
    void aChildThatCannotMeasureIsAnError() {
        assertThatThrownBy(() -> IdleMemory.measure("no_such_impl", "data", 10, "256m"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no_such_impl data failed");
    }
}
