package dev.jtls.bench;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link BulkBench} for TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, without BCJSSE over the JDK's
 * JCA (its JCA crypto looks for Bouncy Castle's algorithm names and so offers no ChaCha20 suite).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ChaChaBulkBench {
    @Param({"jtls", "jtls_jsse", "sunjsse", "bcjsse"})
    public String impl;

    @Param({"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    public String suite;

    /** Application bytes per write (the results table derives MB/s from it). */
    @Param({"16384"})
    public int size;

    private BulkLink link;

    @Setup
    public void setup() throws SSLException {
        link = new BulkLink(impl, suite, size);
    }

    /** True if the connection uses encrypt_then_mac (only meaningful for CBC suites). */
    boolean encryptThenMac() {
        return link.encryptThenMac();
    }

    @Benchmark
    public int transfer() throws SSLException {
        return link.transfer();
    }
}
