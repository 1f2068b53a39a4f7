package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof ECDH vectors for the NIST curves against every backend: the ecpoint files (the peer
 * key is the encoded point, as on the TLS wire) and the X.509 files (the peer key is a
 * SubjectPublicKeyInfo, parsed here in the test, strictly, to get at the point).
 */
class WycheproofEcdhTest {
    /** Decisions for {@code acceptable} vectors, per flag; any rejecting flag wins. */
    private static final Map<String, Boolean> ACCEPTABLE = Map.ofEntries(
            // RFC 8422 §5.4.1: TLS 1.2 ECDHE keys are uncompressed only (point format
            // negotiation is uncompressed-only since RFC 8422), so compressed points are refused.
            Map.entry("CompressedPoint", false),
            Map.entry("CompressedPublic", false),
            // X.509 keys must be DER (X.690 §10); the test's parser re-encodes and refuses BER
            // variants, long-form or padded lengths, trailing data and the like.
            Map.entry("InvalidAsn", false),
            // Explicit curve parameters are accepted only when they are exactly the named
            // group's (p, a, b, G, n and a cofactor of 1); anything else is another curve.
            Map.entry("UnnamedCurve", true),
            Map.entry("UnusedParam", true),
            Map.entry("WrongOrder", false),
            Map.entry("ModifiedGenerator", false),
            Map.entry("ModifiedCofactor", false),
            Map.entry("NoCofactor", false),
            Map.entry("ModifiedCurveParameter", false));

    private static final NamedGroup[] GROUPS = {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1};

    @Test
    void ecpointFiles() {
        for (NamedGroup g : GROUPS) {
            String file = "ecdh_" + name(g) + "_ecpoint_test.json.gz";
            assertThat(KeyShareVectors.run(file, g, ACCEPTABLE, c -> c.hex("public"))).as(file).isEmpty();
        }
    }

    @Test
    void x509Files() {
        for (NamedGroup g : GROUPS) {
            String file = "ecdh_" + name(g) + "_test.json.gz";
            assertThat(KeyShareVectors.run(file, g, ACCEPTABLE, c -> pointFromSpki(g, c.hex("public"))))
                    .as(file).isEmpty();
        }
    }

    @Test
    void spkiParserAcceptsTheNamedCurveForm() {
        // Sanity check of the test's own parser on a valid vector (Wycheproof tcId 1 of each file).
        for (NamedGroup g : GROUPS) {
            Wycheproof.Case first = Wycheproof.cases("ecdh_" + name(g) + "_test.json.gz").get(0);
            Wycheproof.Case firstPoint = Wycheproof.cases("ecdh_" + name(g) + "_ecpoint_test.json.gz").get(0);
            assertThat(pointFromSpki(g, first.hex("public"))).isEqualTo(firstPoint.hex("public"));
        }
    }

    private static String name(NamedGroup g) {
        return g.name().toLowerCase(Locale.ROOT);
    }

    /** The encoded point of a DER SubjectPublicKeyInfo for the group's curve, or null if it is anything else. */
    static byte[] pointFromSpki(NamedGroup g, byte[] der) {
        try {
            ASN1Primitive prim = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(prim.getEncoded(ASN1Encoding.DER), der)) {
                return null; // not DER (BER lengths, trailing bytes, ...)
            }
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(prim);
            AlgorithmIdentifier alg = spki.getAlgorithm();
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm()) || !isCurve(g, alg.getParameters())) {
                return null;
            }
            ASN1BitString bits = spki.getPublicKeyData();
            if (bits.getPadBits() != 0) {
                return null;
            }
            return bits.getOctets();
        } catch (Exception e) {
            return null; // IOException or IllegalArgumentException: not a SubjectPublicKeyInfo
        }
    }

    private static boolean isCurve(NamedGroup g, ASN1Encodable params) {
        if (params instanceof ASN1ObjectIdentifier) {
            return params.equals(oid(g));
        }
        if (params == null) {
            return false;
        }
        X9ECParameters x9 = X9ECParameters.getInstance(params);
        X9ECParameters named = org.bouncycastle.crypto.ec.CustomNamedCurves.getByOID(oid(g));
        NistCurve c = EcPointCodec.curve(g);
        ECPoint gen = x9.getG().normalize();
        ECPoint namedGen = named.getG().normalize();
        return x9.getCurve().getField().getCharacteristic().equals(c.p())
                && x9.getCurve().getA().toBigInteger().equals(c.a())
                && x9.getCurve().getB().toBigInteger().equals(c.b())
                && x9.getN().equals(c.n())
                && BigInteger.ONE.equals(x9.getH())
                && gen.getAffineXCoord().toBigInteger().equals(namedGen.getAffineXCoord().toBigInteger())
                && gen.getAffineYCoord().toBigInteger().equals(namedGen.getAffineYCoord().toBigInteger());
    }

    private static ASN1ObjectIdentifier oid(NamedGroup g) {
        switch (g) {
            case SECP256R1:
                return SECObjectIdentifiers.secp256r1;
            case SECP384R1:
                return SECObjectIdentifiers.secp384r1;
            case SECP521R1:
                return SECObjectIdentifiers.secp521r1;
            default:
                throw new IllegalArgumentException(g.toString());
        }
    }
}
