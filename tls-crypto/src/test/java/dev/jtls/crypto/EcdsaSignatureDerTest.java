package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict DER codec: exactly one encoding per (r, s) is accepted (X.690 §10.1, §8.3.2). */
class EcdsaSignatureDerTest {
    private static final BigInteger N = NistCurve.SECP256R1.n();

    @Test
    void decodesMinimalEncoding() {
        EcdsaSignatureDer.Rs rs = EcdsaSignatureDer.decode(HexFormat.of().parseHex("3006020101020102"), N);
        assertThat(rs).isEqualTo(new EcdsaSignatureDer.Rs(BigInteger.ONE, BigInteger.TWO));
        // A leading zero is required (and allowed) when the top bit is set.
        assertThat(EcdsaSignatureDer.decode(HexFormat.of().parseHex("300702020080020102"), N))
                .isEqualTo(new EcdsaSignatureDer.Rs(BigInteger.valueOf(128), BigInteger.TWO));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "30",
        "3006020101020102" + "00",   // trailing byte after the SEQUENCE
        "3007020101020102",          // SEQUENCE length too long
        "3005020101020102",          // SEQUENCE length too short
        "31060201010201020",         // odd hex is filtered below; kept as garbage
        "3106020101020102",          // SET, not SEQUENCE
        "308106020101020102",        // long-form length for a short length
        "3080020101020102" + "0000", // indefinite length (BER)
        "30820006020101020102",      // two length octets
        "3006030101020102",          // BIT STRING instead of INTEGER
        "300702020001020102",        // leading zero not needed
        "3006020181020102",          // negative r
        "30060201ff020102",          // negative r (-1)
        "3006020100020102",          // r = 0
        "3006020101020100",          // s = 0
        "300502000201020",           // zero-length INTEGER (odd, filtered)
        "3005020002010200",          // zero-length INTEGER
        "30090201010201020201",      // a third INTEGER
        "300302010102",              // s missing its length
        "3008020101020102" + "0500", // extra element inside the SEQUENCE
    })
    void refusesEverythingButDer(String hex) {
        if (hex.length() % 2 != 0) {
            hex = hex.substring(0, hex.length() - 1);
        }
        assertThat(EcdsaSignatureDer.decode(HexFormat.of().parseHex(hex), N)).isNull();
    }

    @Test
    void refusesValuesOutOfRange() {
        BigInteger nMinus1 = N.subtract(BigInteger.ONE);
        assertThat(EcdsaSignatureDer.decode(EcdsaSignatureDer.encode(nMinus1, nMinus1), N)).isNotNull();
        assertThat(EcdsaSignatureDer.decode(EcdsaSignatureDer.encode(N, BigInteger.ONE), N)).isNull();
        assertThat(EcdsaSignatureDer.decode(EcdsaSignatureDer.encode(BigInteger.ONE, N), N)).isNull();
        assertThat(EcdsaSignatureDer.decode(EcdsaSignatureDer.encode(BigInteger.ONE, N.add(N)), N)).isNull();
        assertThat(EcdsaSignatureDer.decode(null, N)).isNull();
    }

    @Test
    void roundTripsAcrossTheLongFormBoundary() {
        // P-521 values make the SEQUENCE longer than 127 bytes: the 0x81 form is then the minimal one.
        BigInteger n521 = NistCurve.SECP521R1.n();
        BigInteger big = n521.subtract(BigInteger.TEN);
        byte[] der = EcdsaSignatureDer.encode(big, big);
        assertThat(der[1] & 0xff).isEqualTo(0x81);
        assertThat(EcdsaSignatureDer.decode(der, n521)).isEqualTo(new EcdsaSignatureDer.Rs(big, big));
        byte[] small = EcdsaSignatureDer.encode(BigInteger.ONE, BigInteger.ONE);
        assertThat(small[1]).isEqualTo((byte) 6);
    }
}
