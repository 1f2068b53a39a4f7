package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties over random inputs: verify never throws and never accepts garbage; backends interoperate. */
class SignatureCrossBackendProperties {
    private static final List<CryptoProvider> ALL = Backends.all();
    private static final CryptoProvider BC = CryptoProviders.bouncyCastle();
    private static final CryptoProvider JCA = CryptoProviders.jca();

    @Property(tries = 300)
    void randomBytesNeverVerifyAndNeverThrow(@ForAll SignatureScheme scheme, @ForAll @Size(max = 600) byte[] signature,
                                             @ForAll @Size(max = 64) byte[] message) {
        KeyPair pair = SignatureTestKeys.forScheme(scheme);
        for (CryptoProvider p : ALL) {
            assertThat(p.verify(scheme, pair.getPublic(), message, signature)).as(p.name()).isFalse();
        }
    }

    /** Random signatures of exactly the right shape reach the arithmetic and still fail, without throwing. */
    @Property(tries = 200)
    void wellFormedRandomSignaturesNeverVerify(@ForAll SignatureScheme scheme, @ForAll("seeds") long seed,
                                               @ForAll @Size(max = 64) byte[] message) {
        KeyPair pair = SignatureTestKeys.forScheme(scheme);
        java.util.Random random = new java.util.Random(seed);
        byte[] signature;
        switch (scheme.kind()) {
            case ECDSA: {
                BigInteger n = NistCurve.forScheme(scheme).n();
                BigInteger r = new BigInteger(n.bitLength(), random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
                BigInteger s = new BigInteger(n.bitLength(), random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
                signature = EcdsaSignatureDer.encode(r, s);
                break;
            }
            case EDDSA:
                signature = new byte[64];
                random.nextBytes(signature);
                signature[63] &= 0x0f; // S < L most of the time, so the curve check runs
                break;
            default:
                signature = new byte[256];
                random.nextBytes(signature);
                signature[0] &= 0x7f; // below the modulus most of the time, so RSAVP1 runs
                break;
        }
        for (CryptoProvider p : ALL) {
            assertThat(p.verify(scheme, pair.getPublic(), message, signature)).as(p.name()).isFalse();
        }
    }

    /** bc signs and jca verifies, and the other way round; the default provider agrees with both. */
    @Property(tries = 60)
    void backendsInteroperate(@ForAll SignatureScheme scheme, @ForAll @Size(max = 300) byte[] message) throws Exception {
        KeyPair pair = SignatureTestKeys.forScheme(scheme);
        byte[] byBc = BC.sign(scheme, pair.getPrivate(), message);
        byte[] byJca = JCA.sign(scheme, pair.getPrivate(), message);
        for (CryptoProvider p : ALL) {
            assertThat(p.verify(scheme, pair.getPublic(), message, byBc)).as("bc -> " + p.name()).isTrue();
            assertThat(p.verify(scheme, pair.getPublic(), message, byJca)).as("jca -> " + p.name()).isTrue();
        }
        if (scheme.kind() == SignatureScheme.Kind.RSA_PKCS1 || scheme.kind() == SignatureScheme.Kind.EDDSA) {
            assertThat(byBc).as("deterministic " + scheme).isEqualTo(byJca);
        }
    }

    /** Any single flipped bit, or a byte added or removed, turns a valid signature into a rejected one everywhere. */
    @Property(tries = 100)
    void damagedSignaturesNeverVerify(@ForAll SignatureScheme scheme, @ForAll @Size(max = 64) byte[] message,
                                      @ForAll @IntRange(min = 0, max = 1 << 16) int where, @ForAll @IntRange(min = 0, max = 2) int how)
            throws Exception {
        KeyPair pair = SignatureTestKeys.forScheme(scheme);
        byte[] signature = JCA.sign(scheme, pair.getPrivate(), message);
        byte[] damaged;
        if (how == 0) {
            damaged = signature.clone();
            int bit = where % (8 * damaged.length);
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
        } else if (how == 1) {
            damaged = java.util.Arrays.copyOf(signature, signature.length + 1);
        } else {
            damaged = java.util.Arrays.copyOf(signature, signature.length - 1);
        }
        for (CryptoProvider p : ALL) {
            assertThat(p.verify(scheme, pair.getPublic(), message, damaged)).as(p.name()).isFalse();
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
