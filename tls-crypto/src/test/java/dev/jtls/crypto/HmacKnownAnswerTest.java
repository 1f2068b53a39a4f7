package dev.jtls.crypto;

import static dev.jtls.crypto.HashKnownAnswerTest.ascii;
import static dev.jtls.crypto.HashKnownAnswerTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 4231 §4.2–§4.8 (HMAC-SHA-256/384/512) and RFC 2202 §3 (HMAC-SHA-1). */
class HmacKnownAnswerTest {
    private static final byte[][] KEYS = {
        fill(0x0b, 20), ascii("Jefe"), fill(0xaa, 20), range(1, 25), fill(0x0c, 20), fill(0xaa, 131), fill(0xaa, 131),
    };
    private static final byte[][] DATA = {
        ascii("Hi There"),
        ascii("what do ya want for nothing?"),
        fill(0xdd, 50),
        fill(0xcd, 50),
        ascii("Test With Truncation"),
        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
        ascii("This is a test using a larger than block-size key and a larger than block-size data."
                + " The key needs to be hashed before being used by the HMAC algorithm."),
    };

    /** RFC 4231 test cases 1–7; test case 5 lists only the first 128 bits. */
    private static final String[] SHA256 = {
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        "a3b6167473100ee06e0c796c2955552b",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    };
    private static final String[] SHA384 = {
        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
        "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
        "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
        "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
        "3abf34c3503b2a23a46efc619baef897",
        "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
        "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
    };
    private static final String[] SHA512 = {
        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb",
        "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
        "415fad6271580a531d4179bc891d87a6",
        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
        "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
    };

    /** RFC 2202 §3 HMAC-SHA-1 test cases 1–7 (case 5's full 160-bit MAC). */
    private static final byte[][] SHA1_KEYS = {
        fill(0x0b, 20), ascii("Jefe"), fill(0xaa, 20), range(1, 25), fill(0x0c, 20), fill(0xaa, 80), fill(0xaa, 80),
    };
    private static final byte[][] SHA1_DATA = {
        ascii("Hi There"),
        ascii("what do ya want for nothing?"),
        fill(0xdd, 50),
        fill(0xcd, 50),
        ascii("Test With Truncation"),
        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
        ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
    };
    private static final String[] SHA1 = {
        "b617318655057264e28bc0b6fb378c8ef146be00",
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
        "125d7342b9ac11cd91a39af48aa17b4f63f175d3",
        "4c9007f4026250c6bc8414f9bf50c86c2d7235da",
        "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04",
        "aa4ae5e15272d00e95705637ce8a3b55ed402112",
        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91",
    };

    @Test
    void rfc4231() {
        for (CryptoProvider p : Backends.all()) {
            check(p, HashAlgorithm.SHA256, KEYS, DATA, SHA256);
            check(p, HashAlgorithm.SHA384, KEYS, DATA, SHA384);
            check(p, HashAlgorithm.SHA512, KEYS, DATA, SHA512);
        }
    }

    @Test
    void rfc2202() {
        for (CryptoProvider p : Backends.all()) {
            check(p, HashAlgorithm.SHA1, SHA1_KEYS, SHA1_DATA, SHA1);
        }
    }

    private static void check(CryptoProvider p, HashAlgorithm alg, byte[][] keys, byte[][] data, String[] expected) {
        for (int i = 0; i < keys.length; i++) {
            String want = expected[i];
            String what = p.name() + " HMAC-" + alg + " test case " + (i + 1);
            Hmac mac = p.newHmac(alg, keys[i]);
            assertThat(mac.macLength()).isEqualTo(alg.outputLength());
            // byte[] update, doFinal into an offset
            mac.update(data[i]);
            byte[] out = new byte[alg.outputLength() + 5];
            mac.doFinal(out, 5);
            assertThat(hex(Arrays.copyOfRange(out, 5, 5 + want.length() / 2))).as(what).isEqualTo(want);
            // doFinal reset to the same key: a heap ByteBuffer with a non-zero position.
            ByteBuffer heap = ByteBuffer.allocate(data[i].length + 7);
            heap.position(3);
            heap.put(data[i]).flip().position(3);
            mac.update(heap);
            assertThat(heap.position()).isEqualTo(heap.limit());
            assertThat(prefix(mac.doFinal(), want)).as(what + " heap buffer").isEqualTo(want);
            // A direct buffer, and input given after a reset() is discarded.
            mac.update(ascii("discarded"));
            mac.reset();
            ByteBuffer direct = ByteBuffer.allocateDirect(data[i].length + 9);
            direct.position(4);
            direct.put(data[i]).flip().position(4);
            mac.update(direct);
            assertThat(direct.hasRemaining()).isFalse();
            assertThat(prefix(mac.doFinal(), want)).as(what + " direct buffer").isEqualTo(want);
        }
    }

    private static String prefix(byte[] mac, String want) {
        return hex(mac).substring(0, want.length());
    }

    static byte[] fill(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    static byte[] range(int from, int to) {
        byte[] out = new byte[to - from + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }

    static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
