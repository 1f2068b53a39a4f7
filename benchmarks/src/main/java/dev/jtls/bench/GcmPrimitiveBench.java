package dev.jtls.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * The floor under {@link BulkBench}'s AES-GCM rows: the JDK's own AES-GCM ("AES/GCM/NoPadding",
 * SunJCE, intrinsics) with no TLS at all — per op, {@code size} bytes encrypted from a source
 * buffer into a network buffer under a fresh 12-byte nonce and 13 bytes of AAD, then decrypted
 * and authenticated into an application buffer, as a TLS record's seal and open are. Issue 8 asks
 * jtls's bulk rows to reach 0.9× of this in the same run; its B/op is what the JDK's
 * {@code Cipher.init} allocates per record, which no TLS stack over the JCA avoids.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3) // one fork's JIT profile moves a 16 KiB AEAD op by ±5-8%: three, for the 0.9× and 1.1× bars
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class GcmPrimitiveBench {
    /** The one implementation: the bare JCA primitive (a column of its own in the tables). */
    @Param({"jca_primitive"})
    public String impl;

    /** The TLS suite whose cipher this is, to set the row next to BulkBench's. */
    @Param({"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"})
    public String suite;

    @Param({"16384"})
    public int size;

    /** Where the ciphertext starts in the network buffer: 13 in a TLS 1.2 AES-GCM record (header + explicit nonce). */
    @Param({"13"})
    public int offset;

    private Cipher sealer;
    private Cipher opener;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private ByteBuffer src;
    private ByteBuffer net;
    private ByteBuffer app;
    private long counter;

    @Setup
    public void setup() throws GeneralSecurityException {
        byte[] k = new byte[suite.contains("AES_256") ? 32 : 16];
        new Random(2).nextBytes(k);
        key = new SecretKeySpec(k, "AES");
        sealer = Cipher.getInstance("AES/GCM/NoPadding");
        opener = Cipher.getInstance("AES/GCM/NoPadding");
        src = ByteBuffer.allocate(size);
        new Random(1).nextBytes(src.array());
        net = ByteBuffer.allocate(offset + size + 16);
        app = ByteBuffer.allocate(size);
        if (sealOpen() != size || !Arrays.equals(app.array(), src.array())) {
            throw new IllegalStateException("AES-GCM did not give the plaintext back");
        }
    }

    @Benchmark
    public int sealOpen() throws GeneralSecurityException {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        src.clear();
        net.clear().position(offset);
        sealer.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        sealer.updateAAD(aad);
        sealer.doFinal(src, net);
        net.flip().position(offset);
        app.clear();
        opener.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        opener.updateAAD(aad);
        return opener.doFinal(net, app);
    }
}
