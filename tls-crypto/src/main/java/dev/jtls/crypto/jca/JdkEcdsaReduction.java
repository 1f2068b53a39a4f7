package dev.jtls.crypto.jca;

import dev.jtls.crypto.NistCurve;
import dev.jtls.crypto.EcdsaSignatureDer;
import dev.jtls.crypto.SignatureScheme;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * A workaround for a JDK defect: SunEC in JDK 17 (seen on 17.0.15; fixed by JDK 25) compares r
 * with the x-coordinate of R = u1*G + u2*Q without reducing it mod n, so it rejects the valid
 * signatures whose x(R) lies in [n, p), where SEC 1 §4.1.4 step 7 takes r = x(R) mod n. Such
 * signatures have r < p - n (about 2^-128 of them for P-256, fewer for P-384/P-521), and Wycheproof
 * has one per curve.
 *
 * <p>Whether the running JDK has the defect is found once, by verifying Wycheproof
 * ecdsa_secp256r1_sha256 tcId 479 (r = 3, x(R) = n + 3). Only if it has it, and only when the JDK
 * rejected a signature with r < p - n, the signature is checked again with Bouncy Castle's ECDSA
 * arithmetic. All other decisions stay the JDK's.
 */
final class JdkEcdsaReduction {
    /** True if this JDK's ECDSA rejects valid signatures with x(R) >= n. */
    static final boolean JDK_DEFECTIVE = !jdkAcceptsReducedX();

    private JdkEcdsaReduction() {
    }

    /** Called after the JDK said no; true only if the signature is valid with x(R) in [n, p). */
    static boolean recheck(SignatureScheme scheme, ECPublicKey key, byte[] message, EcdsaSignatureDer.Rs rs) {
        if (!JDK_DEFECTIVE) {
            return false;
        }
        NistCurve curve = NistCurve.of(key.getParams());
        if (rs.r().add(curve.n()).compareTo(curve.p()) >= 0) {
            return false; // x(R) = r + n would not be a field element: the JDK's "no" stands
        }
        try {
            ECDomainParameters domain = new ECDomainParameters(CustomNamedCurves.getByName(curve.standardName()));
            ECPoint w = key.getW();
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, new ECPublicKeyParameters(
                    domain.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), domain));
            byte[] hash = MessageDigest.getInstance(scheme.hash().jcaName()).digest(message);
            return signer.verifySignature(hash, rs.r(), rs.s());
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean jdkAcceptsReducedX() {
        HexFormat hex = HexFormat.of();
        try {
            // Wycheproof testvectors_v1/ecdsa_secp256r1_sha256_test.json, tcId 479 (valid).
            ECPoint w = new ECPoint(
                    new BigInteger("ce24c99032d52ac6ead23c0ae3ec68ef41e51a281fd457808c83136d7dcce90e", 16),
                    new BigInteger("8f7a154b551e9f39c59279357aa491b2a62bdebc2bb78613883fc72936c057e0", 16));
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(w, NistCurve.SECP256R1.spec()));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(hex.parseHex("68656c6c6f2c20776f726c64"));
            return verifier.verify(hex.parseHex(
                    "3026020103022100ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254e"));
        } catch (Exception e) {
            return true; // cannot tell: keep the JDK's answers unchanged
        }
    }
}
