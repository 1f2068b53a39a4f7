package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.testing.TestCerts;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateEncodingsTest {
    private static final TestCerts.Issued CA = TestCerts.ca("encodings test CA", TestCerts.Kind.EC_P256);
    private static final TestCerts.Issued LEAF = TestCerts.leaf(CA, "localhost", TestCerts.Kind.EC_P256,
            List.of("localhost"));

    @Test
    void theSameCertificateObjectGivesTheSameArrayWithItsDer() throws Exception {
        List<byte[]> first = CertificateEncodings.of(List.of(LEAF.certificate(), CA.certificate()));
        List<byte[]> second = CertificateEncodings.of(List.of(LEAF.certificate(), CA.certificate()));

        assertThat(first.get(0)).isEqualTo(LEAF.certificate().getEncoded());
        assertThat(first.get(1)).isEqualTo(CA.certificate().getEncoded());
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(1)).isSameAs(first.get(1));
        assertThatThrownBy(() -> second.add(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anotherObjectForTheSameDerStillGivesItsDer() throws Exception {
        // A certificate parsed again may be a new object (or the JDK factory's cached one): either way, the right bytes.
        X509Certificate again = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(LEAF.certificate().getEncoded()));
        assertThat(CertificateEncodings.of(List.of(again)).get(0)).isEqualTo(LEAF.certificate().getEncoded());
        assertThat(CertificateEncodings.of(List.of())).isEmpty();
    }

    @Test
    void equalEncodingsReadBackAreInternedToOneArray() throws Exception {
        byte[] der = LEAF.certificate().getEncoded();
        byte[] first = CertificateEncodings.intern(der.clone());
        byte[] second = CertificateEncodings.intern(der.clone());
        assertThat(second).isSameAs(first).isEqualTo(der);
        byte[] other = CA.certificate().getEncoded();
        assertThat(CertificateEncodings.intern(other)).isSameAs(other);
    }

    @Test
    void sessionsDecodedFromTicketsHoldTheInternedChain() throws Exception {
        byte[] leaf = LEAF.certificate().getEncoded();
        Session s = Sessions.base(7, java.time.Instant.ofEpochSecond(1_800_000_000L))
                .localCertificates(List.of(leaf))
                .build();
        dev.jtls.record.TlsWriter w = new dev.jtls.record.TlsWriter();
        s.encode(w);
        byte[] encoded = w.toByteArray();
        Session decoded = dev.jtls.record.TlsReader.readAll(encoded, "session", Session::decode);
        assertThat(decoded).isEqualTo(s);
        // The decode handed its array to the table: a fresh copy of the same DER finds it there.
        byte[] copy = leaf.clone();
        assertThat(CertificateEncodings.intern(copy)).isNotSameAs(copy).isEqualTo(leaf);
    }
}
