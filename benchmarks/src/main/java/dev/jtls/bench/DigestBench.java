package dev.jtls.bench;

import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
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

/** One complete hash (update + digest) of {@code size} bytes per op. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class DigestBench {
    @Param({"bc", "jca"})
    public String backend;

    @Param({"SHA256", "SHA384"})
    public HashAlgorithm algorithm;

    /** Bytes hashed per op (the results table derives MB/s from it). */
    @Param({"64", "1024", "16384"})
    public int size;

    private Digest digest;
    private byte[] data;

    @Setup
    public void setup() {
        digest = Backends.of(backend).newDigest(algorithm);
        data = new byte[size];
        new Random(1).nextBytes(data);
    }

    @Benchmark
    public byte[] hash() {
        digest.update(data, 0, data.length);
        return digest.digest();
    }
}
