package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.AlgorithmParameters;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The typed-in SEC 2 domain parameters agree with both the JDK's and Bouncy Castle's. */
class NistCurveTest {
    @ParameterizedTest
    @EnumSource(NistCurve.class)
    void parametersMatchJdkAndBouncyCastle(NistCurve curve) throws Exception {
        AlgorithmParameters jdk = AlgorithmParameters.getInstance("EC");
        jdk.init(new ECGenParameterSpec(curve.standardName()));
        ECParameterSpec jdkSpec = jdk.getParameterSpec(ECParameterSpec.class);
        assertThat(curve.matches(jdkSpec)).isTrue();

        X9ECParameters bc = CustomNamedCurves.getByName(curve.standardName());
        ECParameterSpec mine = curve.spec();
        assertThat(((ECFieldFp) mine.getCurve().getField()).getP()).isEqualTo(bc.getCurve().getField().getCharacteristic());
        assertThat(mine.getCurve().getA()).isEqualTo(bc.getCurve().getA().toBigInteger());
        assertThat(mine.getCurve().getB()).isEqualTo(bc.getCurve().getB().toBigInteger());
        assertThat(mine.getGenerator().getAffineX()).isEqualTo(bc.getG().getAffineXCoord().toBigInteger());
        assertThat(mine.getGenerator().getAffineY()).isEqualTo(bc.getG().getAffineYCoord().toBigInteger());
        assertThat(mine.getOrder()).isEqualTo(bc.getN());
        assertThat(curve.isValidPoint(mine.getGenerator())).isTrue();
        assertThat(curve.isValidPoint(new java.security.spec.ECPoint(mine.getGenerator().getAffineX(),
                mine.getGenerator().getAffineY().add(java.math.BigInteger.ONE)))).isFalse();
        for (NistCurve other : NistCurve.values()) {
            assertThat(other.matches(jdkSpec)).isEqualTo(other == curve);
        }
    }
}
