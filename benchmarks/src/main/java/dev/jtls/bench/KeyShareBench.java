package dev.jtls.bench;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import java.security.InvalidKeyException;
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
 * ECDHE as one side of a handshake does it: make a key pair and encode its public key
 * ({@link #keygen}), validate the peer's key and derive the shared secret ({@link #agree}), and
 * both ({@link #keygenAgree}, the whole per-handshake ECDHE cost of one side).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KeyShareBench {
    @Param({"bc", "jca"})
    public String backend;

    @Param({"X25519", "SECP256R1", "SECP384R1", "X448", "SECP521R1"})
    public NamedGroup group;

    private CryptoProvider provider;
    private KeyShare ours;
    private byte[] peerPublicKey;

    @Setup
    public void setup() {
        provider = Backends.of(backend);
        ours = provider.generateKeyShare(group);
        ours.publicKey();
        peerPublicKey = provider.generateKeyShare(group).publicKey();
    }

    /** A fresh key pair, with the public key encoded as it goes on the wire. */
    @Benchmark
    public byte[] keygen() {
        return provider.generateKeyShare(group).publicKey();
    }

    /** Validate a (pre-made) peer public key and derive the shared secret. */
    @Benchmark
    public byte[] agree() throws InvalidKeyException {
        return ours.agree(peerPublicKey);
    }

    @Benchmark
    public byte[] keygenAgree() throws InvalidKeyException {
        KeyShare share = provider.generateKeyShare(group);
        byte[] secret = share.agree(peerPublicKey);
        // Both outputs leave the op; fold one into the other's first byte so neither is dead.
        secret[0] ^= share.publicKey()[0];
        return secret;
    }
}
