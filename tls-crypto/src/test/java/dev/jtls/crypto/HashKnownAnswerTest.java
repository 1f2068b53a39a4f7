package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** FIPS 180-4 SHA examples (NIST "Cryptographic Standards and Guidelines: Examples with Intermediate Values"). */
class HashKnownAnswerTest {
    private static final byte[] ABC = ascii("abc");
    // The 448-bit and 896-bit one- and two-block messages of the FIPS 180 examples.
    private static final byte[] M448 = ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    private static final byte[] M896 = ascii("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
            + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu");

    private static final Object[][] VECTORS = {
        {HashAlgorithm.SHA1, ABC, "a9993e364706816aba3e25717850c26c9cd0d89d"},
        {HashAlgorithm.SHA1, M448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
        {HashAlgorithm.SHA1, M896, "a49b2446a02c645bf419f995b67091253a04a259"},
        {HashAlgorithm.SHA256, new byte[0], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {HashAlgorithm.SHA256, ABC, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {HashAlgorithm.SHA256, M448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {HashAlgorithm.SHA256, M896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {HashAlgorithm.SHA384, ABC, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                + "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
        {HashAlgorithm.SHA384, M896, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d2"
                + "2fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"},
        {HashAlgorithm.SHA512, ABC, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
        {HashAlgorithm.SHA512, M896, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
    };

    // One million repetitions of 'a' (FIPS 180 long-message examples).
    private static final Object[][] MILLION_A = {
        {HashAlgorithm.SHA1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
        {HashAlgorithm.SHA256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        {HashAlgorithm.SHA384, "9d0e1809716474cb086e834e310a4a1ced149e9c00f24852"
                + "7972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985"},
        {HashAlgorithm.SHA512, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                + "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
    };

    @Test
    void fips180Examples() {
        for (CryptoProvider p : Backends.all()) {
            for (Object[] v : VECTORS) {
                HashAlgorithm alg = (HashAlgorithm) v[0];
                byte[] msg = (byte[]) v[1];
                Digest d = p.newDigest(alg);
                assertThat(d.algorithm()).isEqualTo(alg);
                d.update(msg);
                byte[] out = d.digest();
                assertThat(hex(out)).as(p.name() + " " + alg).isEqualTo(v[2]);
                assertThat(out).hasSize(alg.outputLength());
                // digest() reset the state: the same input gives the same hash again.
                d.update(msg);
                assertThat(hex(d.digest())).as(p.name() + " " + alg + " after reset").isEqualTo(v[2]);
                // Byte at a time, with an offset into a larger array.
                byte[] padded = new byte[msg.length + 3];
                System.arraycopy(msg, 0, padded, 2, msg.length);
                for (int i = 0; i < msg.length; i++) {
                    d.update(padded, 2 + i, 1);
                }
                assertThat(hex(d.digest())).as(p.name() + " " + alg + " bytewise").isEqualTo(v[2]);
            }
        }
    }

    @Test
    void millionA() {
        byte[] chunk = new byte[1000];
        Arrays.fill(chunk, (byte) 'a');
        for (CryptoProvider p : Backends.all()) {
            for (Object[] v : MILLION_A) {
                Digest d = p.newDigest((HashAlgorithm) v[0]);
                for (int i = 0; i < 1000; i++) {
                    d.update(chunk);
                }
                assertThat(hex(d.digest())).as(p.name() + " " + v[0]).isEqualTo(v[1]);
            }
        }
    }

    @Test
    void copyForksTheRunningState() {
        for (CryptoProvider p : Backends.all()) {
            for (Object[] v : VECTORS) {
                HashAlgorithm alg = (HashAlgorithm) v[0];
                byte[] msg = (byte[]) v[1];
                int half = msg.length / 2;
                Digest d = p.newDigest(alg);
                d.update(msg, 0, half);
                Digest fork = d.copy();
                // Feeding garbage to the original must not disturb the fork, and vice versa.
                d.update(ascii("garbage that the fork must not see"));
                fork.update(msg, half, msg.length - half);
                assertThat(hex(fork.digest())).as(p.name() + " " + alg + " fork").isEqualTo(v[2]);
                Digest d2 = p.newDigest(alg);
                d2.update(msg, 0, half);
                Digest fork2 = d2.copy();
                fork2.update(ascii("x"));
                d2.update(msg, half, msg.length - half);
                assertThat(hex(d2.digest())).as(p.name() + " " + alg + " original").isEqualTo(v[2]);
            }
        }
    }

    @Test
    void resetDiscardsInput() {
        for (CryptoProvider p : Backends.all()) {
            Digest d = p.newDigest(HashAlgorithm.SHA256);
            d.update(ascii("something"));
            d.reset();
            d.update(ABC);
            assertThat(hex(d.digest())).isEqualTo(VECTORS[4][2]);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
