package dev.jtls.crypto;

import static dev.jtls.crypto.AeadKnownAnswerTest.buffer;
import static dev.jtls.crypto.AeadKnownAnswerTest.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The bc and jca backends agree on every deterministic symmetric primitive, and interoperate on
 * AEAD and CBC; sealing round-trips at any size and buffer position; any flipped bit is caught.
 */
class SymmetricCrossBackendProperties {
    private static final CryptoProvider BC = CryptoProviders.bouncyCastle();
    private static final CryptoProvider JCA = CryptoProviders.jca();

    @Property(tries = 200)
    void digestsAgreeAndForkAnywhere(@ForAll HashAlgorithm alg, @ForAll @Size(max = 1500) byte[] data,
                                     @ForAll @IntRange(max = 1500) int cut) {
        int split = Math.min(cut, data.length);
        Digest bc = BC.newDigest(alg);
        Digest jca = JCA.newDigest(alg);
        bc.update(data, 0, split);
        jca.update(data, 0, split);
        Digest bcFork = bc.copy();
        Digest jcaFork = jca.copy();
        bc.update(data, split, data.length - split);
        jca.update(data, split, data.length - split);
        byte[] whole = bc.digest();
        assertThat(jca.digest()).isEqualTo(whole);
        // The forks hashed only the first part: the same as hashing that part afresh.
        Digest fresh = JCA.newDigest(alg);
        fresh.update(data, 0, split);
        byte[] prefix = fresh.digest();
        assertThat(bcFork.digest()).isEqualTo(prefix);
        assertThat(jcaFork.digest()).isEqualTo(prefix);
    }

    @Property(tries = 200)
    void hmacsAgree(@ForAll HashAlgorithm alg, @ForAll @Size(max = 300) byte[] key,
                    @ForAll @Size(max = 1500) byte[] data, @ForAll boolean direct) {
        Hmac bc = BC.newHmac(alg, key);
        Hmac jca = JCA.newHmac(alg, key);
        bc.update(data);
        byte[] expected = bc.doFinal();
        ByteBuffer buf = buffer(direct, 3, data, 2);
        jca.update(buf);
        assertThat(jca.doFinal()).isEqualTo(expected);
        // And again, through the other entry points, after doFinal reset both to the key.
        ByteBuffer buf2 = buffer(direct, 1, data, 0);
        bc.update(buf2);
        jca.update(data);
        assertThat(bc.doFinal()).isEqualTo(expected);
        assertThat(jca.doFinal()).isEqualTo(expected);
    }

    @Property(tries = 100)
    void prfsAgree(@ForAll HashAlgorithm alg, @ForAll @Size(min = 1, max = 100) byte[] secret,
                   @ForAll @AlphaChars @StringLength(max = 30) String label, @ForAll @Size(max = 80) byte[] seed,
                   @ForAll @IntRange(max = 300) int length) {
        byte[] bc = BC.prf(alg, secret, label, seed, length);
        assertThat(bc).hasSize(length);
        assertThat(JCA.prf(alg, secret, label, seed, length)).isEqualTo(bc);
    }

    @Property(tries = 60)
    void aeadBackendsAgreeAndOpenEachOther(@ForAll AeadAlgorithm alg, @ForAll long seed,
                                           @ForAll @IntRange(max = 17000) int size,
                                           @ForAll @IntRange(max = 40) int offset, @ForAll boolean direct) {
        Random r = new Random(seed);
        byte[] key = bytes(r, alg.keyLength());
        byte[] nonce = bytes(r, AeadAlgorithm.NONCE_LENGTH);
        byte[] aad = bytes(r, r.nextInt(30));
        byte[] pt = bytes(r, size);

        ByteBuffer bcBuf = buffer(direct, offset, pt, 16 + r.nextInt(5));
        ByteBuffer jcaBuf = buffer(!direct, offset, pt, 16);
        BC.newAead(alg, key).seal(nonce, aad, bcBuf);
        JCA.newAead(alg, key).seal(nonce, aad, jcaBuf);
        assertThat(contents(bcBuf)).isEqualTo(contents(jcaBuf));

        assertThat(JCA.newAead(alg, key).open(nonce, aad, bcBuf)).isTrue();
        assertThat(BC.newAead(alg, key).open(nonce, aad, jcaBuf)).isTrue();
        assertThat(contents(bcBuf)).isEqualTo(pt);
        assertThat(contents(jcaBuf)).isEqualTo(pt);
        assertThat(bcBuf.position()).isEqualTo(offset);
    }

    @Property(tries = 60)
    void sealThenOpenRoundTrips(@ForAll AeadAlgorithm alg, @ForAll long seed,
                                @ForAll @IntRange(max = 17000) int size, @ForAll @IntRange(max = 100) int offset,
                                @ForAll boolean direct) {
        Random r = new Random(seed);
        byte[] key = bytes(r, alg.keyLength());
        byte[] pt = bytes(r, size);
        byte[] aad = bytes(r, 13);
        for (CryptoProvider p : Backends.all()) {
            Aead sealer = p.newAead(alg, key);
            Aead opener = p.newAead(alg, key);
            for (int record = 0; record < 2; record++) {
                byte[] nonce = bytes(r, AeadAlgorithm.NONCE_LENGTH);
                ByteBuffer buf = buffer(direct, offset, pt, 16 + record);
                int n = sealer.seal(nonce, aad, buf);
                assertThat(n).isEqualTo(size + 16);
                assertThat(buf.position()).isEqualTo(offset);
                assertThat(buf.limit()).isEqualTo(offset + size + 16);
                assertThat(opener.open(nonce, aad, buf)).as(p.name()).isTrue();
                assertThat(buf.position()).isEqualTo(offset);
                assertThat(contents(buf)).as(p.name()).isEqualTo(pt);
            }
        }
    }

    @Property(tries = 100)
    void anyFlippedBitIsRejected(@ForAll AeadAlgorithm alg, @ForAll long seed, @ForAll @IntRange(max = 600) int size,
                                 @ForAll @IntRange(max = Integer.MAX_VALUE) int where) {
        Random r = new Random(seed);
        byte[] key = bytes(r, alg.keyLength());
        byte[] nonce = bytes(r, AeadAlgorithm.NONCE_LENGTH);
        byte[] aad = bytes(r, 13);
        byte[] pt = bytes(r, size);
        ByteBuffer sealed = buffer(false, 0, pt, 16);
        BC.newAead(alg, key).seal(nonce, aad, sealed);
        byte[] ct = contents(sealed);
        int bit = where % (8 * ct.length);
        for (CryptoProvider p : Backends.all()) {
            byte[] bad = ct.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(p.newAead(alg, key).open(nonce, aad, ByteBuffer.wrap(bad))).as(p.name() + " bit " + bit).isFalse();
            assertThat(p.newAead(alg, key).open(nonce, aad, ByteBuffer.wrap(ct.clone()))).as(p.name()).isTrue();
        }
    }

    @Property(tries = 100)
    void cbcBackendsAgree(@ForAll CbcAlgorithm alg, @ForAll long seed, @ForAll @IntRange(max = 1100) int blocks,
                          @ForAll @IntRange(max = 40) int offset, @ForAll boolean direct) {
        Random r = new Random(seed);
        byte[] key = bytes(r, alg.keyLength());
        byte[] iv = bytes(r, 16);
        byte[] pt = bytes(r, 16 * blocks);
        ByteBuffer bcBuf = buffer(direct, offset, pt, 3);
        ByteBuffer jcaBuf = buffer(!direct, offset, pt, 0);
        BC.newCbc(alg, key).encrypt(iv, bcBuf);
        JCA.newCbc(alg, key).encrypt(iv, jcaBuf);
        assertThat(contents(bcBuf)).isEqualTo(contents(jcaBuf));
        assertThat(bcBuf.position()).isEqualTo(offset);
        assertThat(bcBuf.limit()).isEqualTo(offset + pt.length);
        JCA.newCbc(alg, key).decrypt(iv, bcBuf);
        BC.newCbc(alg, key).decrypt(iv, jcaBuf);
        assertThat(contents(bcBuf)).isEqualTo(pt);
        assertThat(contents(jcaBuf)).isEqualTo(pt);
    }

    private static byte[] bytes(Random r, int n) {
        byte[] out = new byte[n];
        r.nextBytes(out);
        return out;
    }
}
