package dev.jtls.bench;

import dev.jtls.crypto.Aead;
import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProvider;
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
 * The raw AEAD primitive, in place on a heap buffer of one record's payload ({@code size} bytes),
 * with a 13-byte TLS 1.2 additional data (RFC 5246 §6.2.3.3).
 *
 * <p>As in a connection, the sealing and the opening side are two {@link Aead} objects (same key
 * here, so one can open what the other sealed), and every seal uses a fresh nonce: SunJCE refuses
 * to encrypt twice under one key and nonce, and re-initialising under the previous nonce would
 * measure a path a connection never takes.
 *
 * <p>{@link #sealOpen} ("encrypt + decrypt") is the figure the record layer is compared with.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class AeadBench {
    /** Distinct pre-sealed records that {@link #open} cycles through, so no nonce repeats back to back. */
    private static final int RING = 4;

    @Param({"bc", "jca"})
    public String backend;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm algorithm;

    /** Plaintext bytes per record (the results table derives MB/s from it). */
    @Param({"16384"})
    public int size;

    private Aead sealer;
    private Aead opener;
    private ByteBuffer buf;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[13];
    private long counter;

    private byte[][] sealed;
    private byte[][] sealedNonces;

    @Setup
    public void setup() {
        CryptoProvider provider = Backends.of(backend);
        Random random = new Random(1);
        byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        random.nextBytes(aad);
        sealer = provider.newAead(algorithm, key);
        opener = provider.newAead(algorithm, key);
        buf = ByteBuffer.allocate(size + AeadAlgorithm.TAG_LENGTH);
        random.nextBytes(buf.array());

        // Records for open(), under nonces the benchmark's counter never reaches.
        Aead ringSealer = provider.newAead(algorithm, key);
        sealed = new byte[RING][];
        sealedNonces = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            byte[] n = new byte[AeadAlgorithm.NONCE_LENGTH];
            n[0] = (byte) 0xff;
            n[11] = (byte) i;
            ByteBuffer record = ByteBuffer.allocate(size + AeadAlgorithm.TAG_LENGTH);
            random.nextBytes(record.array());
            record.limit(size);
            ringSealer.seal(n, aad, record);
            sealed[i] = record.array();
            sealedNonces[i] = n;
        }
    }

    /** A nonce no seal has used before: the op counter in the last 8 bytes (like TLS's explicit nonce). */
    private byte[] nextNonce() {
        long c = counter++;
        for (int i = 11; i >= 4; i--) {
            nonce[i] = (byte) c;
            c >>>= 8;
        }
        return nonce;
    }

    /** Encrypts {@code size} bytes in place (the buffer's previous contents are the plaintext). */
    @Benchmark
    public int seal() {
        buf.clear().limit(size);
        return sealer.seal(nextNonce(), aad, buf);
    }

    /**
     * Decrypts one of {@value #RING} pre-sealed records. Includes copying the record into the
     * work buffer (a 16 KiB arraycopy, small next to the cipher), since open works in place.
     */
    @Benchmark
    public int open() {
        int i = (int) (counter++ & (RING - 1));
        buf.clear();
        buf.put(sealed[i]).flip();
        if (!opener.open(sealedNonces[i], aad, buf)) {
            throw new IllegalStateException("open failed");
        }
        return buf.remaining();
    }

    /** Seal then open the same record in place: "encrypt + decrypt", no copy. */
    @Benchmark
    public int sealOpen() {
        byte[] n = nextNonce();
        buf.clear().limit(size);
        sealer.seal(n, aad, buf);
        if (!opener.open(n, aad, buf)) {
            throw new IllegalStateException("open failed");
        }
        return buf.remaining();
    }
}
