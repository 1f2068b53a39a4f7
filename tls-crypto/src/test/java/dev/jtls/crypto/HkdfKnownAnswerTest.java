package dev.jtls.crypto;

import static dev.jtls.crypto.HashKnownAnswerTest.hex;
import static dev.jtls.crypto.HmacKnownAnswerTest.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

/** HKDF-SHA256 against the RFC 5869 Appendix A test cases 1-3, and against Bouncy Castle's generator. */
class HkdfKnownAnswerTest {
    private record Case(String ikm, String salt, String info, int length, String prk, String okm) {
    }

    private static final Case[] CASES = {
        new Case("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        new Case(range(0x00, 80), range(0x60, 80), range(0xb0, 80), 82,
                "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                        + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"),
        new Case("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
                "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
    };

    private static String range(int first, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(String.format("%02x", first + i));
        }
        return sb.toString();
    }

    @Test
    void rfc5869Sha256Vectors() {
        for (CryptoProvider p : Backends.all()) {
            for (Case c : CASES) {
                byte[] prk = Hkdf.extract(p, HashAlgorithm.SHA256, unhex(c.salt()), unhex(c.ikm()));
                assertThat(hex(prk)).as(p.name()).isEqualTo(c.prk());
                assertThat(hex(Hkdf.expand(p, HashAlgorithm.SHA256, prk, unhex(c.info()), c.length())))
                        .as(p.name()).isEqualTo(c.okm());
            }
        }
    }

    @Test
    void agreesWithBouncyCastleAtEveryLengthAndRefusesTooLong() {
        byte[] ikm = unhex(range(0x10, 40));
        byte[] info = unhex("6a746c73");
        byte[] prk = Hkdf.extract(CryptoProviders.defaults(), HashAlgorithm.SHA256, new byte[0], ikm);
        for (int n = 0; n <= 100; n++) {
            HKDFBytesGenerator bc = new HKDFBytesGenerator(new SHA256Digest());
            bc.init(new HKDFParameters(ikm, null, info));
            byte[] expected = new byte[n];
            bc.generateBytes(expected, 0, n);
            assertThat(Hkdf.expand(CryptoProviders.defaults(), HashAlgorithm.SHA256, prk, info, n))
                    .as("length " + n).isEqualTo(expected);
        }
        assertThatThrownBy(() -> Hkdf.expand(CryptoProviders.defaults(), HashAlgorithm.SHA256, prk, info, 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..8160");
    }
}
