package dev.jtls.crypto.jca;

import dev.jtls.crypto.EcPointCodec;
import dev.jtls.crypto.NistCurve;
import dev.jtls.crypto.NamedGroup;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The public point Q = d·G for a given private scalar, which the JCA has no API for. The JDK's
 * ECDH gives x(d·G) (agreement with the generator as the peer key); y is one of the two square
 * roots of x^3 + ax + b, and x((d+1)·G) = x(Q + G) tells which. Only the two scalar
 * multiplications touch the secret, and those are the JDK's; the rest is public-point arithmetic.
 * Used for known-answer tests and replayed transcripts, not on the handshake's hot path.
 */
final class EcPublicFromPrivate {
    /** x(k·G) for a scalar k in [1, n-1]. */
    interface XOfMultiple {
        BigInteger apply(ECParameterSpec spec, BigInteger k) throws GeneralSecurityException;
    }

    private EcPublicFromPrivate() {
    }

    /** @return {x, y} of d·G, for d in [1, n-1] */
    static BigInteger[] derive(NamedGroup group, ECParameterSpec spec, BigInteger d, XOfMultiple xOf)
            throws GeneralSecurityException {
        NistCurve c = EcPointCodec.curve(group);
        BigInteger p = c.p();
        ECPoint g = spec.getGenerator();
        BigInteger gx = g.getAffineX();
        BigInteger gy = g.getAffineY();
        if (d.equals(BigInteger.ONE)) {
            return new BigInteger[] {gx, gy};
        }
        if (d.equals(c.n().subtract(BigInteger.ONE))) {
            return new BigInteger[] {gx, p.subtract(gy)};
        }
        BigInteger x = xOf.apply(spec, d);
        // p = 3 (mod 4) for P-256, P-384 and P-521, so a square root of r is r^((p+1)/4).
        BigInteger rhs = x.multiply(x).add(c.a()).multiply(x).add(c.b()).mod(p);
        BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (!y.multiply(y).mod(p).equals(rhs)) {
            throw new GeneralSecurityException("x(d·G) is not on the curve");
        }
        // d is neither 1 nor n-1, so Q != ±G and x != gx: the chord through Q and G is defined.
        // x(Q+G) and x(-Q+G) differ, because the group has odd prime order.
        BigInteger xNext = xOf.apply(spec, d.add(BigInteger.ONE));
        BigInteger yOther = p.subtract(y).mod(p);
        if (xOfSumWithG(c, x, y, gx, gy).equals(xNext)) {
            return new BigInteger[] {x, y};
        }
        if (xOfSumWithG(c, x, yOther, gx, gy).equals(xNext)) {
            return new BigInteger[] {x, yOther};
        }
        throw new GeneralSecurityException("neither square root fits x((d+1)·G)");
    }

    /** x((x, y) + G) by the chord rule (SEC 1 v2 §2.2.1); the two points differ in x. */
    private static BigInteger xOfSumWithG(NistCurve c, BigInteger x, BigInteger y, BigInteger gx,
            BigInteger gy) {
        BigInteger p = c.p();
        BigInteger lambda = y.subtract(gy).multiply(x.subtract(gx).modInverse(p)).mod(p);
        return lambda.multiply(lambda).subtract(x).subtract(gx).mod(p);
    }
}
