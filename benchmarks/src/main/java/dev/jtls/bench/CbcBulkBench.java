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
 * {@link BulkBench} for TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, with both CBC record constructions so
 * that rows compare like with like: {@code jtls}, {@code bcjsse} and {@code bcjsse_jca} (BCJSSE
 * over the JDK's JCA: its encrypt_then_mac does not depend on the crypto provider) negotiate
 * encrypt_then_mac (RFC 7366) with themselves; {@code jtls_mte} (jtls with encrypt_then_mac off
 * on both sides) and {@code sunjsse} (no RFC 7366) use MAC-then-encrypt (RFC 5246 §6.2.3.2). So
 * jtls_mte/sunjsse is the like-for-like ratio, jtls/bcjsse and jtls/bcjsse_jca the others. The construction is checked twice: at setup from the
 * ServerHello on the wire ({@link WireCheck}), and on every op from the record the client sent —
 * with HMAC-SHA1 (20 bytes) and 16-byte AES blocks, an encrypt-then-MAC record is IV + blocks + MAC,
 * 4 mod 16 bytes long; a MAC-then-encrypt one is IV + blocks, 0 mod 16.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class CbcBulkBench {
    /** The implementations whose connections with themselves are encrypt-then-MAC; the rest are MAC-then-encrypt. */
    static final java.util.Set<String> ENCRYPT_THEN_MAC = java.util.Set.of("jtls", "bcjsse", "bcjsse_jca");

    @Param({"jtls", "jtls_mte", "sunjsse", "bcjsse", "bcjsse_jca"})
    public String impl;

    @Param({"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"})
    public String suite;

    /** Application bytes per write (the results table derives MB/s from it). */
    @Param({"16384"})
    public int size;

    private BulkLink link;
    private boolean encryptThenMac;

    @Setup
    public void setup() throws SSLException {
        if (!suite.endsWith("_CBC_SHA")) {
            throw new IllegalArgumentException("CbcBulkBench checks HMAC-SHA1 CBC records only, not " + suite);
        }
        link = new BulkLink(impl, suite, size);
        encryptThenMac = ENCRYPT_THEN_MAC.contains(impl);
        if (link.encryptThenMac() != encryptThenMac) {
            throw new IllegalStateException(impl + ": the ServerHello " + (link.encryptThenMac() ? "acknowledged" : "did not acknowledge")
                    + " encrypt_then_mac; this row is " + (encryptThenMac ? "encrypt-then-MAC" : "MAC-then-encrypt"));
        }
        check();
    }

    /** True if the connection uses encrypt_then_mac, as the ServerHello said. */
    boolean encryptThenMac() {
        return link.encryptThenMac();
    }

    @Benchmark
    public int transfer() throws SSLException {
        int n = link.transfer();
        check();
        return n;
    }

    private void check() {
        int length = link.lastRecordLength();
        if (length % 16 != (encryptThenMac ? 4 : 0)) {
            throw new IllegalStateException(impl + ": a " + length + "-byte record is not "
                    + (encryptThenMac ? "encrypt-then-MAC" : "MAC-then-encrypt") + " AES-CBC with HMAC-SHA1");
        }
    }
}
