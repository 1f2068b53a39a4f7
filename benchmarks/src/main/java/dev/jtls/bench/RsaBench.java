package dev.jtls.bench;

import dev.jtls.crypto.CryptoProvider;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
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
 * RSA key exchange (RFC 5246 §7.4.7.1): the client encrypts the 48-byte premaster under the
 * server's public key; the server decrypts it with implicit rejection. The key pair comes from
 * the JDK's KeyPairGenerator, once per trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RsaBench {
    private static final int TLS12 = 0x0303;

    @Param({"bc", "jca"})
    public String backend;

    @Param({"2048", "3072"})
    public int bits;

    private CryptoProvider provider;
    private KeyPair keys;
    private byte[] premaster;
    private byte[] encrypted;
    private byte[] badlyPadded;

    @Setup
    public void setup() throws NoSuchAlgorithmException, InvalidKeyException {
        provider = Backends.of(backend);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        keys = generator.generateKeyPair();
        Random random = new Random(1);
        premaster = new byte[48];
        random.nextBytes(premaster);
        premaster[0] = (byte) (TLS12 >>> 8);
        premaster[1] = (byte) TLS12;
        encrypted = provider.rsaEncryptPkcs1(keys.getPublic(), premaster);
        // A ciphertext of the right length whose plaintext is almost surely not PKCS#1 v1.5.
        badlyPadded = encrypted.clone();
        badlyPadded[badlyPadded.length - 1] ^= 1;
    }

    /** Client side: RSAES-PKCS1-v1_5 encryption of the premaster (public-key op, random padding). */
    @Benchmark
    public byte[] encryptPremaster() throws InvalidKeyException {
        return provider.rsaEncryptPkcs1(keys.getPublic(), premaster);
    }

    /** Server side: private-key op plus implicit-rejection checks, for a well-formed premaster. */
    @Benchmark
    public byte[] decryptPremaster() {
        return provider.decryptPremaster(keys.getPrivate(), encrypted, TLS12);
    }

    /** The same for a ciphertext with bad padding: implicit rejection should cost the same. */
    @Benchmark
    public byte[] decryptPremasterBadPadding() {
        return provider.decryptPremaster(keys.getPrivate(), badlyPadded, TLS12);
    }
}
