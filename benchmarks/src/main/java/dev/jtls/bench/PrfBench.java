package dev.jtls.bench;

import dev.jtls.crypto.CryptoProvider;
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

/**
 * The two PRF calls of every full handshake (RFC 5246 §8.1, §6.3), each including the HMAC key
 * set-up the provider does per call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PrfBench {
    @Param({"bc", "jca"})
    public String backend;

    @Param({"SHA256"})
    public HashAlgorithm hash;

    private CryptoProvider provider;
    private byte[] premaster;
    private byte[] masterSecret;
    private byte[] randoms;

    @Setup
    public void setup() {
        provider = Backends.of(backend);
        Random random = new Random(1);
        premaster = new byte[48];
        masterSecret = new byte[48];
        randoms = new byte[64];
        random.nextBytes(premaster);
        random.nextBytes(masterSecret);
        random.nextBytes(randoms);
    }

    /** RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret", randoms)[0..47]. */
    @Benchmark
    public byte[] masterSecret() {
        return provider.prf(hash, premaster, "master secret", randoms, 48);
    }

    /**
     * RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", randoms), 104 bytes: two
     * 20-byte MAC keys, two 16-byte AES-128 keys, two 16-byte IVs (TLS_RSA_WITH_AES_128_CBC_SHA).
     */
    @Benchmark
    public byte[] keyBlock() {
        return provider.prf(hash, masterSecret, "key expansion", randoms, 104);
    }
}
