package dev.jtls.crypto;

import java.math.BigInteger;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;

/**
 * The NIST prime curves jtls uses for ECDHE and ECDSA, with their domain parameters typed in from
 * SEC 2 v2 §2.4.2, §2.5.1, §2.6.1 (= FIPS 186-4 D.1.2.3-5); tests check them against both
 * backends' own. The one source of these constants, shared by both backends so that they accept
 * exactly the same keys and points. For signatures, an ECDSA scheme takes a key on any of these
 * three curves and no other: in TLS 1.2 the code points 0x0403/0x0503/0x0603 mean (SHA-256/384/512,
 * ECDSA) with no curve (RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.3, §6); the curve binding of their
 * names is TLS 1.3's (RFC 8446 §4.2.3), for the TLS layer to apply where it speaks 1.3.
 */
public enum NistCurve {
    SECP256R1("secp256r1",
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc",
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
            "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
            "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
    SECP384R1("secp384r1",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc",
            "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
            "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
            "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
    SECP521R1("secp521r1",
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc",
            "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
            "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
            "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
            "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409");

    private final String standardName;
    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final BigInteger gx;
    private final BigInteger gy;
    private final BigInteger n;
    private final ECParameterSpec spec;
    /** The last parameter object that matched; JDK keys share one instance per named curve. */
    private volatile ECParameterSpec lastMatched;

    NistCurve(String standardName, String p, String a, String b, String gx, String gy, String n) {
        this.standardName = standardName;
        this.p = new BigInteger(p, 16);
        this.a = new BigInteger(a, 16);
        this.b = new BigInteger(b, 16);
        this.gx = new BigInteger(gx, 16);
        this.gy = new BigInteger(gy, 16);
        this.n = new BigInteger(n, 16);
        this.spec = new ECParameterSpec(new EllipticCurve(new ECFieldFp(this.p), this.a, this.b),
                new ECPoint(this.gx, this.gy), this.n, 1);
        this.lastMatched = spec;
    }

    /** The SEC 2 name, e.g. "secp256r1" (also the JCA ECGenParameterSpec name and BC's curve name). */
    public String standardName() {
        return standardName;
    }

    /** The field prime p. */
    public BigInteger p() {
        return p;
    }

    /** The coefficient a of y^2 = x^3 + ax + b. */
    public BigInteger a() {
        return a;
    }

    /** The coefficient b of y^2 = x^3 + ax + b. */
    public BigInteger b() {
        return b;
    }

    /** The group order n (the cofactor is 1). */
    public BigInteger n() {
        return n;
    }

    /** The domain parameters as a JCA spec (cofactor 1). */
    public ECParameterSpec spec() {
        return spec;
    }

    /** The curve of an ECDHE group, or null for x25519/x448. */
    public static NistCurve forGroup(NamedGroup group) {
        switch (group) {
            case SECP256R1:
                return SECP256R1;
            case SECP384R1:
                return SECP384R1;
            case SECP521R1:
                return SECP521R1;
            default:
                return null;
        }
    }

    /** The curve whose parameters these are exactly ({@link #matches}), or null for any other curve. */
    public static NistCurve of(ECParameterSpec params) {
        for (NistCurve c : values()) {
            if (c.matches(params)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The curve an ECDSA scheme's name binds it to in TLS 1.3 (RFC 8446 §4.2.3), or null if the
     * scheme is not ECDSA. TLS 1.2 has no such binding (RFC 5246 §7.4.1.4.1): signing and
     * verifying take the key's curve ({@link #of}).
     */
    public static NistCurve forScheme(SignatureScheme scheme) {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256:
                return SECP256R1;
            case ECDSA_SECP384R1_SHA384:
                return SECP384R1;
            case ECDSA_SECP521R1_SHA512:
                return SECP521R1;
            default:
                return null;
        }
    }

    /** True if the parameters are exactly this curve's: field, a, b, generator, order and cofactor 1. */
    public boolean matches(ECParameterSpec params) {
        if (params == null) {
            return false;
        }
        if (params == lastMatched) {
            return true;
        }
        EllipticCurve curve = params.getCurve();
        ECField field = curve.getField();
        ECPoint g = params.getGenerator();
        boolean same = field instanceof ECFieldFp
                && ((ECFieldFp) field).getP().equals(p)
                && curve.getA().equals(a)
                && curve.getB().equals(b)
                && g != null && g != ECPoint.POINT_INFINITY
                && g.getAffineX().equals(gx)
                && g.getAffineY().equals(gy)
                && params.getOrder().equals(n)
                && params.getCofactor() == 1;
        if (same) {
            lastMatched = params;
        }
        return same;
    }

    /**
     * True if w is a finite point of this curve: 0 <= x, y < p and y^2 = x^3 + ax + b (mod p).
     * With cofactor 1 every such point is in the prime-order group (SEC 1 §3.2.2.1).
     */
    public boolean isValidPoint(ECPoint w) {
        if (w == null || w == ECPoint.POINT_INFINITY) {
            return false;
        }
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        return isOnCurve(x, y);
    }

    /** True if y^2 = x^3 + ax + b (mod p); x and y must already be in [0, p). */
    public boolean isOnCurve(BigInteger x, BigInteger y) {
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        return lhs.equals(rhs);
    }

    /** Bytes of a scalar mod n (32, 48, 66). */
    public int scalarLength() {
        return (n.bitLength() + 7) / 8;
    }
}
