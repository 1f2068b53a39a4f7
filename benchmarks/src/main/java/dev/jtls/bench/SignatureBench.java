package dev.jtls.bench;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.SignatureScheme;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
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
 * Signing and verifying a ServerKeyExchange-sized message (RFC 8422 §5.4: client_random,
 * server_random, ECParameters and a P-256 point: 32 + 32 + 3 + 1 + 65 = 133 bytes), with keys
 * from the JDK's KeyPairGenerator (RSA keys are 2048-bit).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SignatureBench {
    @Param({"bc", "jca"})
    public String backend;

    @Param({"RSA_PKCS1_SHA256", "RSA_PSS_RSAE_SHA256", "ECDSA_SECP256R1_SHA256", "ECDSA_SECP384R1_SHA384", "ED25519"})
    public SignatureScheme scheme;

    private CryptoProvider provider;
    private KeyPair keys;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setup() throws GeneralSecurityException {
        provider = Backends.of(backend);
        keys = keyPair(scheme);
        message = new byte[133];
        new Random(1).nextBytes(message);
        signature = provider.sign(scheme, keys.getPrivate(), message);
        if (!provider.verify(scheme, keys.getPublic(), message, signature)) {
            throw new IllegalStateException(backend + " does not verify its own " + scheme + " signature");
        }
    }

    static KeyPair keyPair(SignatureScheme scheme) throws GeneralSecurityException {
        KeyPairGenerator generator;
        switch (scheme) {
            case RSA_PKCS1_SHA256:
            case RSA_PSS_RSAE_SHA256:
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                break;
            case ECDSA_SECP256R1_SHA256:
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                break;
            case ECDSA_SECP384R1_SHA384:
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp384r1"));
                break;
            case ED25519:
                generator = KeyPairGenerator.getInstance("Ed25519");
                break;
            default:
                throw new IllegalArgumentException("no benchmark key for " + scheme);
        }
        return generator.generateKeyPair();
    }

    @Benchmark
    public byte[] sign() throws InvalidKeyException {
        return provider.sign(scheme, keys.getPrivate(), message);
    }

    @Benchmark
    public boolean verify() {
        return provider.verify(scheme, keys.getPublic(), message, signature);
    }
}
