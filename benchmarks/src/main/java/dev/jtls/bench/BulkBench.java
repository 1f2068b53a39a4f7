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
 * Bulk data over an established connection: per op the client writes {@code size} bytes of
 * application data (one 16 KiB record) and the server reads them — jtls through
 * {@code TlsConnection.write(src, net)} and {@code receive(net, app)} (the SSLEngine-shaped path), JSSE through {@code wrap} and
 * {@code unwrap}, heap buffers for all. MB/s (10^6 B) = ops/s × size; B/op from {@code -prof gc}.
 * Suites: TLS_ECDHE_RSA_WITH_{AES_128_GCM_SHA256, AES_256_GCM_SHA384}. ChaCha20-Poly1305 is
 * {@link ChaChaBulkBench} (BCJSSE over the JDK's JCA cannot do it); AES_128_CBC_SHA is
 * {@link CbcBulkBench} (with jtls both encrypt-then-MAC and MAC-then-encrypt, like for like).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3) // one fork's JIT profile moves a 16 KiB AEAD op by ±5-8%: three, for the 0.9× and 1.1× bars
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class BulkBench {
    @Param({"jtls", "jtls_jsse", "sunjsse", "bcjsse", "bcjsse_jca"})
    public String impl;

    @Param({"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"})
    public String suite;

    /** Application bytes per write (the results table derives MB/s from it). */
    @Param({"16384"})
    public int size;

    private BulkLink link;

    @Setup
    public void setup() throws SSLException {
        link = new BulkLink(impl, suite, size);
    }

    @Benchmark
    public int transfer() throws SSLException {
        return link.transfer();
    }
}
