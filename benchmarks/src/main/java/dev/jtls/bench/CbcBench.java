package dev.jtls.bench;

import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import java.nio.ByteBuffer;
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

/**
 * Raw AES-CBC (no padding, no MAC) in place over {@code size} bytes of a heap buffer. Raw CBC
 * decrypts any block-aligned input, so each op simply works on what the previous one left.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class CbcBench {
    @Param({"bc", "jca"})
    public String backend;

    @Param({"AES_128_CBC", "AES_256_CBC"})
    public CbcAlgorithm algorithm;

    /** Bytes per op, a multiple of 16. */
    @Param({"16384"})
    public int size;

    private CbcCipher cipher;
    private ByteBuffer buf;
    private byte[] iv;

    @Setup
    public void setup() {
        Random random = new Random(1);
        byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        iv = new byte[CbcAlgorithm.BLOCK_LENGTH];
        random.nextBytes(iv);
        cipher = Backends.of(backend).newCbc(algorithm, key);
        buf = ByteBuffer.allocate(size);
        random.nextBytes(buf.array());
    }

    @Benchmark
    public ByteBuffer encrypt() {
        buf.clear();
        cipher.encrypt(iv, buf);
        return buf;
    }

    @Benchmark
    public ByteBuffer decrypt() {
        buf.clear();
        cipher.decrypt(iv, buf);
        return buf;
    }
}
