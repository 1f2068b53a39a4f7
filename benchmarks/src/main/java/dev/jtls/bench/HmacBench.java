package dev.jtls.bench;

import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Hmac;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/** One complete MAC (update + doFinal into a reused array) of {@code size} bytes per op, key fixed. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HmacBench {
    @Param({"bc", "jca"})
    public String backend;

    @Param({"SHA1", "SHA256", "SHA384"})
    public HashAlgorithm algorithm;

    /** Bytes MACed per op. */
    @Param({"16384"})
    public int size;

    private Hmac hmac;
    private byte[] data;
    private byte[] mac;

    @Setup
    public void setup() {
        Random random = new Random(1);
        // The MAC key length of the CBC suites is the hash length (RFC 5246 §6.3).
        byte[] key = new byte[algorithm.outputLength()];
        random.nextBytes(key);
        hmac = Backends.of(backend).newHmac(algorithm, key);
        data = new byte[size];
        random.nextBytes(data);
        mac = new byte[hmac.macLength()];
    }

    @Benchmark
    public byte[] mac() {
        hmac.update(data, 0, data.length);
        hmac.doFinal(mac, 0);
        return mac;
    }
}
