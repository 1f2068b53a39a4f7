package dev.jtls.crypto;

import static dev.jtls.crypto.HashKnownAnswerTest.ascii;
import static dev.jtls.crypto.HashKnownAnswerTest.hex;
import static dev.jtls.crypto.HmacKnownAnswerTest.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AES-GCM: test cases 1–4 and 13–16 of McGrew and Viega, "The Galois/Counter Mode of Operation"
 * (the 96-bit-IV cases, also in NIST's gcmEncryptExtIV128/256 files). ChaCha20-Poly1305: RFC 8439
 * §2.8.2 and Appendix A.5.
 */
class AeadKnownAnswerTest {
    record Vector(String name, AeadAlgorithm alg, String key, String nonce, String aad, String plaintext,
                  String ciphertextAndTag) {
    }

    private static final String GCM_K = "feffe9928665731c6d6a8f9467308308";
    private static final String GCM_IV = "cafebabefacedbaddecaf888";
    private static final String GCM_P = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String GCM_P60 = GCM_P.substring(0, 120);
    private static final String GCM_A = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String ZERO12 = "000000000000000000000000";
    private static final String ZERO16 = "00000000000000000000000000000000";

    static final List<Vector> VECTORS = List.of(
        new Vector("GCM TC1", AeadAlgorithm.AES_128_GCM, ZERO16, ZERO12, "", "",
                "58e2fccefa7e3061367f1d57a4e7455a"),
        new Vector("GCM TC2", AeadAlgorithm.AES_128_GCM, ZERO16, ZERO12, "", ZERO16,
                "0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf"),
        new Vector("GCM TC3", AeadAlgorithm.AES_128_GCM, GCM_K, GCM_IV, "", GCM_P,
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
                + "4d5c2af327cd64a62cf35abd2ba6fab4"),
        new Vector("GCM TC4", AeadAlgorithm.AES_128_GCM, GCM_K, GCM_IV, GCM_A, GCM_P60,
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47"),
        new Vector("GCM TC13", AeadAlgorithm.AES_256_GCM, ZERO16 + ZERO16, ZERO12, "", "",
                "530f8afbc74536b9a963b4f1c4cb738b"),
        new Vector("GCM TC14", AeadAlgorithm.AES_256_GCM, ZERO16 + ZERO16, ZERO12, "", ZERO16,
                "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919"),
        new Vector("GCM TC15", AeadAlgorithm.AES_256_GCM, GCM_K + GCM_K, GCM_IV, "", GCM_P,
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                + "b094dac5d93471bdec1a502270e3cc6c"),
        new Vector("GCM TC16", AeadAlgorithm.AES_256_GCM, GCM_K + GCM_K, GCM_IV, GCM_A, GCM_P60,
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                + "76fc6ece0f4e1768cddf8853bb2d551b"),
        // RFC 8439 §2.8.2: the "sunscreen" example.
        new Vector("RFC 8439 2.8.2", AeadAlgorithm.CHACHA20_POLY1305,
                "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
                "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
                hex(ascii("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
                        + " future, sunscreen would be it.")),
                "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691"),
        // RFC 8439 Appendix A.5: the decryption example.
        new Vector("RFC 8439 A.5", AeadAlgorithm.CHACHA20_POLY1305,
                "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
                "000000000102030405060708", "f33388860000000000004e91",
                "496e7465726e65742d4472616674732061726520647261667420646f63756d65"
                + "6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
                + "6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
                + "65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
                + "6e747320617420616e792074696d652e20497420697320696e617070726f7072"
                + "6961746520746f2075736520496e7465726e65742d4472616674732061732072"
                + "65666572656e6365206d6174657269616c206f7220746f206369746520746865"
                + "6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
                + "726573732e2fe2809d",
                "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                + "a6ad5cb4022b02709b"
                + "eead9d67890cbb22392336fea1851f38"));

    @Test
    void sealAndOpenKnownAnswersInHeapAndDirectBuffersAtAnOffset() {
        for (CryptoProvider p : Backends.all()) {
            for (Vector v : VECTORS) {
                for (boolean direct : new boolean[] {false, true}) {
                    for (int offset : new int[] {0, 5}) {
                        String what = p.name() + " " + v.name() + (direct ? " direct" : " heap") + " @" + offset;
                        byte[] pt = unhex(v.plaintext());
                        ByteBuffer buf = buffer(direct, offset, pt, 16 + 3);
                        Aead seal = p.newAead(v.alg(), unhex(v.key()));
                        assertThat(seal.algorithm()).isEqualTo(v.alg());
                        int n = seal.seal(unhex(v.nonce()), unhex(v.aad()), buf);
                        assertThat(n).as(what).isEqualTo(pt.length + 16);
                        assertThat(buf.position()).as(what).isEqualTo(offset);
                        assertThat(hex(contents(buf))).as(what + " seal").isEqualTo(v.ciphertextAndTag());

                        // Open the published ciphertext with a separate instance (the peer's side).
                        Aead open = p.newAead(v.alg(), unhex(v.key()));
                        ByteBuffer in = buffer(direct, offset, unhex(v.ciphertextAndTag()), 2);
                        assertThat(open.open(unhex(v.nonce()), unhex(v.aad()), in)).as(what + " open").isTrue();
                        assertThat(in.position()).isEqualTo(offset);
                        assertThat(hex(contents(in))).as(what + " plaintext").isEqualTo(v.plaintext());
                    }
                }
            }
        }
    }

    @Test
    void openRejectsEveryTamperingWithoutThrowing() {
        for (CryptoProvider p : Backends.all()) {
            for (Vector v : VECTORS) {
                byte[] ct = unhex(v.ciphertextAndTag());
                Aead open = p.newAead(v.alg(), unhex(v.key()));
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < ct.length; i++) {
                    byte[] bad = ct.clone();
                    bad[i] ^= 0x01;
                    if (open.open(unhex(v.nonce()), unhex(v.aad()), ByteBuffer.wrap(bad))) {
                        wrong.add("flipped byte " + i);
                    }
                }
                byte[] aad = unhex(v.aad() + "00");
                if (open.open(unhex(v.nonce()), aad, ByteBuffer.wrap(ct.clone()))) {
                    wrong.add("longer aad");
                }
                byte[] nonce = unhex(v.nonce());
                nonce[11] ^= 1;
                if (open.open(nonce, unhex(v.aad()), ByteBuffer.wrap(ct.clone()))) {
                    wrong.add("other nonce");
                }
                for (int len = 0; len < 16; len++) {
                    if (open.open(unhex(v.nonce()), unhex(v.aad()), ByteBuffer.wrap(new byte[len]))) {
                        wrong.add("short input " + len);
                    }
                }
                if (open.open(unhex(v.nonce()), unhex(v.aad()), ByteBuffer.wrap(ct.clone(), 0, ct.length - 1))) {
                    wrong.add("truncated");
                }
                // And after all those failures the same instance still opens the real thing.
                if (!open.open(unhex(v.nonce()), unhex(v.aad()), ByteBuffer.wrap(ct.clone()))) {
                    wrong.add("genuine ciphertext after failures");
                }
                assertThat(wrong).as(p.name() + " " + v.name()).isEmpty();
            }
        }
    }

    @Test
    void instancesAreReusedAcrossRecordsAndSizes() {
        // One Aead per direction, many records with distinct nonces, as the record layer uses them.
        for (CryptoProvider p : Backends.all()) {
            for (AeadAlgorithm alg : AeadAlgorithm.values()) {
                byte[] key = new byte[alg.keyLength()];
                key[0] = 7;
                Aead sealer = p.newAead(alg, key);
                Aead opener = p.newAead(alg, key);
                for (int seq = 0; seq < 40; seq++) {
                    int len = seq * 613 % 17000;
                    byte[] pt = new byte[len];
                    for (int i = 0; i < len; i++) {
                        pt[i] = (byte) (i * 31 + seq);
                    }
                    byte[] nonce = new byte[12];
                    nonce[11] = (byte) seq;
                    byte[] aad = new byte[] {(byte) seq, 23, 3, 3};
                    ByteBuffer buf = buffer(seq % 2 == 0, seq % 7, pt, 16);
                    sealer.seal(nonce, aad, buf);
                    assertThat(opener.open(nonce, aad, buf)).isTrue();
                    assertThat(contents(buf)).as(p.name() + " " + alg + " " + len).isEqualTo(pt);
                }
            }
        }
    }

    @Test
    void repeatedOpensWorkAndOnlyARepeatedSealIsRefused() {
        for (CryptoProvider p : Backends.all()) {
            for (Vector v : VECTORS) {
                String what = p.name() + " " + v.name();
                Aead aead = p.newAead(v.alg(), unhex(v.key()));
                byte[] nonce = unhex(v.nonce());
                byte[] aad = unhex(v.aad());
                for (int i = 0; i < 3; i++) {
                    ByteBuffer ct = ByteBuffer.wrap(unhex(v.ciphertextAndTag()));
                    assertThat(aead.open(nonce, aad, ct)).as(what + " open #" + i).isTrue();
                }
                // Sealing under the nonce just opened with is not a reuse for this key.
                ByteBuffer pt = buffer(false, 0, unhex(v.plaintext()), 16);
                aead.seal(nonce, aad, pt);
                assertThat(hex(contents(pt))).as(what).isEqualTo(v.ciphertextAndTag());
                // Sealing again under the same nonce is the caller's bug and is refused.
                assertThatThrownBy(() -> aead.seal(nonce, aad, buffer(false, 0, unhex(v.plaintext()), 16)))
                        .as(what).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void wrongKeyLengthIsRefused() {
        for (CryptoProvider p : Backends.all()) {
            for (AeadAlgorithm alg : AeadAlgorithm.values()) {
                assertThatThrownBy(() -> p.newAead(alg, new byte[alg.keyLength() - 1]))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    /** A buffer holding {@code data} at {@code offset}, with {@code spare} bytes of room after it. */
    static ByteBuffer buffer(boolean direct, int offset, byte[] data, int spare) {
        int cap = offset + data.length + spare;
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(cap) : ByteBuffer.allocate(cap);
        buf.position(offset);
        buf.put(data);
        buf.limit(buf.position());
        buf.position(offset);
        return buf;
    }

    static byte[] contents(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.duplicate().get(out);
        return out;
    }
}
