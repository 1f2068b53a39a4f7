package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The bc and jca backends interoperate on RSA, and decryptPremaster is total on any input. */
class RsaCrossBackendProperties {
    private static final int TLS12 = 0x0303;

    /** A small pool of keys made once (key generation dominates otherwise). */
    private static final List<KeyPair> POOL = List.of(RsaTestKeys.of(2048), RsaTestKeys.of(3072), RsaTestKeys.of(1024));

    @Provide
    Arbitrary<KeyPair> keys() {
        return Arbitraries.of(POOL);
    }

    @Property(tries = 60)
    void oneBackendEncryptsTheOtherDecrypts(@ForAll("keys") KeyPair kp, @ForAll @Size(46) byte[] random,
            @ForAll boolean bcEncrypts) throws Exception {
        CryptoProvider bc = CryptoProviders.bouncyCastle();
        CryptoProvider jca = CryptoProviders.jca();
        CryptoProvider enc = bcEncrypts ? bc : jca;
        CryptoProvider dec = bcEncrypts ? jca : bc;
        byte[] pms = new byte[48];
        pms[0] = 3;
        pms[1] = 3;
        System.arraycopy(random, 0, pms, 2, 46);
        byte[] ct = enc.rsaEncryptPkcs1(kp.getPublic(), pms);
        assertThat(dec.decryptPremaster(kp.getPrivate(), ct, TLS12)).isEqualTo(pms);
        assertThat(dec.rsaDecryptPkcs1(kp.getPrivate(), ct)).isEqualTo(pms);
    }

    @Property(tries = 60)
    void anyCiphertextGives48BytesAndTheSameOnEveryBackend(@ForAll("keys") KeyPair kp,
            @ForAll @Size(max = 520) byte[] ciphertext, @ForAll int clientVersion) {
        int version = clientVersion & 0xffff;
        byte[] expected = RsaTestKeys.expectedSynthetic((RSAPrivateKey) kp.getPrivate(), ciphertext, version);
        for (CryptoProvider p : Backends.all()) {
            byte[] out = p.decryptPremaster(kp.getPrivate(), ciphertext, version);
            assertThat(out).as(p.name()).hasSize(48);
            // A random string is a valid PKCS #1 premaster block with negligible probability.
            assertThat(out).as(p.name()).isEqualTo(expected);
        }
    }

    @Property(tries = 40)
    void fullLengthRandomCiphertextsGoThroughTheRsaOperation(@ForAll("keys") KeyPair kp, @ForAll long seed) {
        int k = RsaTestKeys.k((java.security.interfaces.RSAPublicKey) kp.getPublic());
        byte[] ct = new byte[k];
        new java.util.Random(seed).nextBytes(ct);
        ct[0] &= 0x3f; // below n for these keys (top bit of n set), so the raw RSA op runs
        byte[] expected = RsaTestKeys.expectedSynthetic((RSAPrivateKey) kp.getPrivate(), ct, TLS12);
        for (CryptoProvider p : Backends.all()) {
            assertThat(p.decryptPremaster(kp.getPrivate(), ct, TLS12)).as(p.name()).isEqualTo(expected);
        }
    }
}
