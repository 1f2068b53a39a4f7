package dev.jtls.crypto;

import static dev.jtls.crypto.AeadKnownAnswerTest.buffer;
import static dev.jtls.crypto.AeadKnownAnswerTest.contents;
import static dev.jtls.crypto.HashKnownAnswerTest.hex;
import static dev.jtls.crypto.HmacKnownAnswerTest.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** NIST SP 800-38A Appendix F.2.1–F.2.6 (CBC-AES128 and CBC-AES256, encrypt and decrypt). */
class CbcKnownAnswerTest {
    private static final String IV = "000102030405060708090a0b0c0d0e0f";
    private static final String PLAIN = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
    private static final Object[][] VECTORS = {
        {CbcAlgorithm.AES_128_CBC, "2b7e151628aed2a6abf7158809cf4f3c",
            "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
            + "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
        {CbcAlgorithm.AES_256_CBC, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
            "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
            + "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"},
    };

    @Test
    void sp80038aF2() {
        for (CryptoProvider p : Backends.all()) {
            for (Object[] v : VECTORS) {
                CbcAlgorithm alg = (CbcAlgorithm) v[0];
                CbcCipher cbc = p.newCbc(alg, unhex((String) v[1]));
                assertThat(cbc.algorithm()).isEqualTo(alg);
                for (boolean direct : new boolean[] {false, true}) {
                    for (int offset : new int[] {0, 3}) {
                        String what = p.name() + " " + alg + (direct ? " direct" : " heap") + " @" + offset;
                        ByteBuffer buf = buffer(direct, offset, unhex(PLAIN), 5);
                        cbc.encrypt(unhex(IV), buf);
                        assertThat(buf.position()).isEqualTo(offset);
                        assertThat(hex(contents(buf))).as(what + " encrypt").isEqualTo(v[2]);
                        cbc.decrypt(unhex(IV), buf);
                        assertThat(buf.position()).isEqualTo(offset);
                        assertThat(hex(contents(buf))).as(what + " decrypt").isEqualTo(PLAIN);
                    }
                }
                // Each record is independent: a second record with the last ciphertext block as IV
                // (as TLS 1.0 did) continues the chain of the first.
                ByteBuffer first = ByteBuffer.wrap(unhex(PLAIN.substring(0, 64)));
                cbc.encrypt(unhex(IV), first);
                ByteBuffer second = ByteBuffer.wrap(unhex(PLAIN.substring(64)));
                cbc.encrypt(unhex(((String) v[2]).substring(32, 64)), second);
                assertThat(hex(first.array()) + hex(second.array())).isEqualTo(v[2]);
            }
        }
    }

    @Test
    void refusesPartialBlocksAndBadKeys() {
        for (CryptoProvider p : Backends.all()) {
            CbcCipher cbc = p.newCbc(CbcAlgorithm.AES_128_CBC, new byte[16]);
            assertThatThrownBy(() -> cbc.encrypt(new byte[16], ByteBuffer.allocate(15)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cbc.decrypt(new byte[16], ByteBuffer.allocate(17)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.newCbc(CbcAlgorithm.AES_256_CBC, new byte[16]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
