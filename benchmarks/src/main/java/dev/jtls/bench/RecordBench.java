package dev.jtls.bench;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.record.AeadProtection;
import dev.jtls.record.CbcProtection;
import dev.jtls.record.ContentType;
import dev.jtls.record.RecordProtection;
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
 * Record protection (tls-records) of one {@code size}-byte application_data record, in place on a
 * heap buffer: header, nonce or explicit IV, AAD or MAC, padding, and the cipher. Run it in the
 * same JMH run as {@link AeadBench} (e.g. regex {@code 'Aead|Record'}): the Results formatter
 * puts each AEAD protection next to the raw primitive of the same run.
 *
 * <p>The writing and the reading side are two protections under the same keys, as the client's
 * write state and the server's read state are. Sequence numbers increase every op, so no AEAD
 * nonce repeats.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RecordBench {
    /** Pre-sealed records {@link #open} cycles through. */
    private static final int RING = 4;

    @Param({"bc", "jca"})
    public String backend;

    /**
     * AEAD protections carry their {@link AeadAlgorithm} name; AES_128_CBC_SHA is
     * TLS_*_WITH_AES_128_CBC_SHA MAC-then-encrypt, AES_128_CBC_SHA_ETM the same with
     * encrypt-then-MAC (RFC 7366).
     */
    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305", "AES_128_CBC_SHA", "AES_128_CBC_SHA_ETM"})
    public String protection;

    /** Plaintext bytes per record (at most 2^14). */
    @Param({"16384"})
    public int size;

    private RecordProtection writer;
    private RecordProtection reader;
    private ByteBuffer buf;
    private long seq;

    private byte[][] sealed;
    private int[] sealedLength;
    private long[] sealedSeq;

    @Setup
    public void setup() {
        CryptoProvider provider = Backends.of(backend);
        Random random = new Random(1);
        byte[] key = new byte[32];
        byte[] iv = new byte[12];
        byte[] macKey = new byte[20];
        random.nextBytes(key);
        random.nextBytes(iv);
        random.nextBytes(macKey);
        writer = protection(provider, key, iv, macKey);
        reader = protection(provider, key, iv, macKey);
        RecordProtection ringWriter = protection(provider, key, iv, macKey);
        int capacity = writer.plaintextOffset() + size + writer.maxSuffixLength();
        buf = ByteBuffer.allocate(capacity);
        random.nextBytes(buf.array());

        // Records for open(), under sequence numbers the benchmark's counter never reaches.
        sealed = new byte[RING][];
        sealedLength = new int[RING];
        sealedSeq = new long[RING];
        for (int i = 0; i < RING; i++) {
            ByteBuffer record = ByteBuffer.allocate(capacity);
            random.nextBytes(record.array());
            record.limit(writer.plaintextOffset() + size);
            sealedSeq[i] = Long.MIN_VALUE + i;
            sealedLength[i] = ringWriter.seal(sealedSeq[i], ContentType.APPLICATION_DATA, record);
            sealed[i] = record.array();
        }
    }

    private RecordProtection protection(CryptoProvider provider, byte[] key, byte[] iv, byte[] macKey) {
        switch (protection) {
            case "AES_128_GCM":
                return AeadProtection.aesGcm(provider.newAead(AeadAlgorithm.AES_128_GCM, slice(key, 16)), slice(iv, 4));
            case "AES_256_GCM":
                return AeadProtection.aesGcm(provider.newAead(AeadAlgorithm.AES_256_GCM, key), slice(iv, 4));
            case "CHACHA20_POLY1305":
                return AeadProtection.chacha20Poly1305(provider.newAead(AeadAlgorithm.CHACHA20_POLY1305, key), iv);
            case "AES_128_CBC_SHA":
            case "AES_128_CBC_SHA_ETM":
                return new CbcProtection(provider.newCbc(CbcAlgorithm.AES_128_CBC, slice(key, 16)),
                        provider.newHmac(HashAlgorithm.SHA1, macKey), protection.endsWith("_ETM"), provider.random());
            default:
                throw new IllegalArgumentException("unknown protection " + protection);
        }
    }

    private static byte[] slice(byte[] bytes, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, 0, length);
        return out;
    }

    /** The plaintext fills the record after the header and explicit prefix; the buffer's old contents are the plaintext. */
    private void resetToPlaintext() {
        buf.clear();
        buf.limit(writer.plaintextOffset() + size);
    }

    @Benchmark
    public int seal() {
        resetToPlaintext();
        return writer.seal(seq++, ContentType.APPLICATION_DATA, buf);
    }

    /** Opens one of {@value #RING} pre-sealed records; includes copying it into the work buffer. */
    @Benchmark
    public int open() {
        int i = (int) (seq++ & (RING - 1));
        buf.clear();
        buf.put(sealed[i], 0, sealedLength[i]).flip();
        return reader.open(sealedSeq[i], buf);
    }

    /** Seal then open the same record in place: the figure compared with {@link AeadBench#sealOpen}. */
    @Benchmark
    public int sealOpen() {
        long s = seq++;
        resetToPlaintext();
        writer.seal(s, ContentType.APPLICATION_DATA, buf);
        return reader.open(s, buf);
    }
}
