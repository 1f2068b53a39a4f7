package dev.jtls.bench;

import dev.jtls.handshake.CipherSuite;
import java.nio.ByteBuffer;
import java.util.Random;
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
    @Param({"jtls", "sunjsse", "bcjsse"})
    public String impl;

    @Param({"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    public String suite;

    /** Application bytes per write (the results table derives MB/s from it). */
    @Param({"16384"})
    public int size;

    private Stack.Established pair;
    private ByteBuffer src;
    private ByteBuffer net;
    private ByteBuffer app;

    @Setup
    public void setup() throws SSLException {
        Jsse.preferGroup(impl, "secp256r1");
        Jsse.init();
        CipherSuite s = CipherSuite.valueOf(suite);
        pair = Stack.of(impl, s, Row.ECDHE_RSA_P256.group, Row.ECDHE_RSA_P256.scheme, Stack.Mode.FULL).established();
        pair.wire().require(s.code(), Row.ECDHE_RSA_P256.groupCode(), Row.ECDHE_RSA_P256.schemeCode(), false);
        src = ByteBuffer.allocate(size);
        new Random(1).nextBytes(src.array());
        net = ByteBuffer.allocate(size + 1024);
        app = ByteBuffer.allocate(size + 1024);
        transfer();
    }

    /** True if the connection uses encrypt_then_mac (only meaningful for CBC suites). */
    boolean encryptThenMac() {
        return pair.wire().encryptThenMac;
    }

    @Benchmark
    public int transfer() throws SSLException {
        src.clear();
        int n = pair.transfer(src, net, app);
        if (n != size) {
            throw new IllegalStateException("server read " + n + " bytes, client wrote " + size);
        }
        return n;
    }
}
