package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.testing.CertBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The one verifier of X.509 AlgorithmIdentifier signatures: AlgorithmIdentifiers are encoded by
 * Bouncy Castle and signatures made by the JDK, so neither side is our own code.
 */
class X509SignaturesTest {
    private static final byte[] DATA = "tbs bytes".getBytes(StandardCharsets.US_ASCII);
    private static final CryptoProvider CRYPTO = CryptoProviders.defaults();
    private static final Set<CertificateSignatureAlgorithm> OCSP = OcspResponseVerifier.SIGNATURE_ALGORITHMS;
    private static final Set<CertificateSignatureAlgorithm> WEB_PKI = ValidationPolicy.webPki().signatureAlgorithms();

    @Test
    void ed448IsVerifiedWhenThePolicyAllowsIt() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        Signature s = Signature.getInstance("Ed448");
        s.initSign(kp.getPrivate());
        s.update(DATA);
        byte[] sig = s.sign();
        // RFC 8410 §3: id-Ed448 with absent parameters.
        byte[] alg = HexFormat.of().parseHex("300506032b6571");
        assertThat(X509Signatures.problem(alg, OCSP, "ocsp", kp.getPublic(), DATA, sig,
                CRYPTO)).isNull();
        sig[0] ^= 1;
        assertThat(X509Signatures.problem(alg, OCSP, "ocsp", kp.getPublic(), DATA, sig,
                CRYPTO)).contains("does not verify");
        assertThat(X509Signatures.problem(alg, WEB_PKI, "web", kp.getPublic(), DATA, sig, CRYPTO)).contains("not accepted");
        assertThatThrownBy(() -> X509Signatures.decode(HexFormat.of().parseHex("300706032b65710500")))
                .isInstanceOf(Der.Malformed.class);
    }

    @Test
    void pssWithAnMgf1HashThePolicyRefusesIsRefused() throws Exception {
        KeyPair kp = CertBuilder.cached(CertBuilder.Kind.RSA_2048);
        byte[] sig = pssSign(kp, "SHA-256", "SHA-1", 32);
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        AlgorithmIdentifier sha1 = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
        byte[] alg = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha256,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha1), new ASN1Integer(32), new ASN1Integer(1)))
                .getEncoded("DER");
        // CA/B Forum BR §7.1.3.2 and RFC 6960 responders: no SHA-1 anywhere in the signature.
        assertThat(X509Signatures.problem(alg, WEB_PKI, "web", kp.getPublic(), DATA, sig, CRYPTO)).contains("not accepted");
        assertThat(X509Signatures.problem(alg, OCSP, "ocsp", kp.getPublic(), DATA, sig,
                CRYPTO)).contains("not accepted");
        Set<CertificateSignatureAlgorithm> withSha1 = EnumSet.copyOf(WEB_PKI);
        withSha1.add(CertificateSignatureAlgorithm.RSA_PSS_SHA1);
        assertThat(X509Signatures.problem(alg, withSha1, "sha1", kp.getPublic(), DATA, sig, CRYPTO)).isNull();
    }

    @Test
    void pssWithTheDefaultSha1ParametersIsRefusedByOcsp() throws Exception {
        KeyPair kp = CertBuilder.cached(CertBuilder.Kind.RSA_2048);
        byte[] sig = pssSign(kp, "SHA-1", "SHA-1", 20);
        // RFC 4055 §3.1: an empty RSASSA-PSS-params SEQUENCE means SHA-1, MGF1-SHA-1, salt 20.
        byte[] alg = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams())
                .getEncoded("DER");
        assertThat(X509Signatures.decode(alg).id()).isEqualTo(CertificateSignatureAlgorithm.RSA_PSS_SHA1);
        assertThat(X509Signatures.problem(alg, OCSP, "ocsp", kp.getPublic(), DATA, sig,
                CRYPTO)).contains("not accepted");
        assertThat(X509Signatures.problem(alg, EnumSet.of(CertificateSignatureAlgorithm.RSA_PSS_SHA1), "pss1", kp.getPublic(),
                DATA, sig, CRYPTO)).isNull();
    }

    @Test
    void malformedAndUnknownIdentifiers() {
        // sha256WithRSAEncryption with an INTEGER where NULL belongs (RFC 4055 §5).
        assertThatThrownBy(() -> X509Signatures.decode(HexFormat.of().parseHex("300f06092a864886f70d01010b020100")))
                .isInstanceOf(Der.Malformed.class);
        // ecdsa-with-SHA256 with NULL parameters (RFC 5758 §3.2: absent).
        assertThatThrownBy(() -> X509Signatures.decode(HexFormat.of().parseHex("300c06082a8648ce3d0403020500")))
                .isInstanceOf(Der.Malformed.class);
        // md2WithRSAEncryption is not known at all.
        assertThat(X509Signatures.problem(HexFormat.of().parseHex("300d06092a864886f70d0101020500"), WEB_PKI, "web",
                CertBuilder.cached(CertBuilder.Kind.EC_P256).getPublic(), DATA, new byte[8], CRYPTO))
                .contains("not supported");
        assertThatThrownBy(() -> X509Signatures.decode(HexFormat.of().parseHex("0500")))
                .isInstanceOf(Der.Malformed.class);
    }

    private static byte[] pssSign(KeyPair kp, String hash, String mgfHash, int salt) throws Exception {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.initSign(kp.getPrivate());
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), salt, 1));
        s.update(DATA);
        return s.sign();
    }
}
