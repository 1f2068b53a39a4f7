package dev.jtls.testing;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * An X509Certificate whose encoding is given bytes that the JDK's CertificateFactory would refuse
 * (duplicate extensions), with every other getter answered by a parsed look-alike. Applications can
 * hand such objects to a TrustManager (another provider's certificate class), so the validator must
 * judge the encoding, not the JDK's parse.
 */
public final class RawEncodingCertificate extends X509Certificate {
    private static final long serialVersionUID = 1L;
    private final X509Certificate base;
    private final byte[] encoded;

    public RawEncodingCertificate(X509Certificate base, byte[] encoded) {
        this.base = base;
        this.encoded = encoded.clone();
    }

    @Override public byte[] getEncoded() {
        return encoded.clone();
    }

    @Override public void verify(PublicKey key) {
        throw new UnsupportedOperationException();
    }

    @Override public void verify(PublicKey key, String sigProvider) {
        throw new UnsupportedOperationException();
    }

    @Override public String toString() {
        return "RawEncodingCertificate[" + base.getSubjectX500Principal() + "]";
    }

    @Override public PublicKey getPublicKey() {
        return base.getPublicKey();
    }

    @Override public boolean hasUnsupportedCriticalExtension() {
        return base.hasUnsupportedCriticalExtension();
    }

    @Override public Set<String> getCriticalExtensionOIDs() {
        return base.getCriticalExtensionOIDs();
    }

    @Override public Set<String> getNonCriticalExtensionOIDs() {
        return base.getNonCriticalExtensionOIDs();
    }

    @Override public byte[] getExtensionValue(String oid) {
        return base.getExtensionValue(oid);
    }

    @Override public void checkValidity() {
        throw new UnsupportedOperationException();
    }

    @Override public void checkValidity(Date date) {
        throw new UnsupportedOperationException();
    }

    @Override public int getVersion() {
        return base.getVersion();
    }

    @Override public BigInteger getSerialNumber() {
        return base.getSerialNumber();
    }

    @SuppressWarnings("deprecation")
    @Override public java.security.Principal getIssuerDN() {
        return base.getIssuerDN();
    }

    @SuppressWarnings("deprecation")
    @Override public java.security.Principal getSubjectDN() {
        return base.getSubjectDN();
    }

    @Override public X500Principal getIssuerX500Principal() {
        return base.getIssuerX500Principal();
    }

    @Override public X500Principal getSubjectX500Principal() {
        return base.getSubjectX500Principal();
    }

    @Override public Date getNotBefore() {
        return base.getNotBefore();
    }

    @Override public Date getNotAfter() {
        return base.getNotAfter();
    }

    @Override public byte[] getTBSCertificate() {
        throw new UnsupportedOperationException();
    }

    @Override public byte[] getSignature() {
        throw new UnsupportedOperationException();
    }

    @Override public String getSigAlgName() {
        return base.getSigAlgName();
    }

    @Override public String getSigAlgOID() {
        return base.getSigAlgOID();
    }

    @Override public byte[] getSigAlgParams() {
        return base.getSigAlgParams();
    }

    @Override public boolean[] getIssuerUniqueID() {
        return base.getIssuerUniqueID();
    }

    @Override public boolean[] getSubjectUniqueID() {
        return base.getSubjectUniqueID();
    }

    @Override public boolean[] getKeyUsage() {
        return base.getKeyUsage();
    }

    @Override public List<String> getExtendedKeyUsage() throws CertificateParsingException {
        return base.getExtendedKeyUsage();
    }

    @Override public int getBasicConstraints() {
        return base.getBasicConstraints();
    }

    @Override public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
        return base.getSubjectAlternativeNames();
    }
}
