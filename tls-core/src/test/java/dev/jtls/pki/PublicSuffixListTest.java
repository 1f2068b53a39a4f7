package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

/** The Public Suffix List algorithm on the shipped list, and wildcards refused over a public suffix. */
class PublicSuffixListTest {
    private final PublicSuffixList psl = PublicSuffixList.get();

    @Test
    void theShippedListHasAVersionAndBothSections() {
        assertThat(PublicSuffixList.version()).matches("\\d{4}-\\d{2}-\\d{2}_.*");
        assertThat(psl.size()).isGreaterThan(5000);
        assertThat(psl.section("co.uk")).isEqualTo(PublicSuffixList.Section.ICANN);
        assertThat(psl.section("s3.amazonaws.com")).isEqualTo(PublicSuffixList.Section.PRIVATE);
        assertThat(psl.section("example.com")).isNull();
    }

    @Test
    void rulesWildcardsExceptionsAndTheDefaultRule() {
        assertThat(psl.publicSuffix("www.example.co.uk")).isEqualTo("co.uk");
        assertThat(psl.publicSuffix("WWW.Example.COM")).isEqualTo("com");
        // "*.ck" makes any label under ck a suffix; "!www.ck" is the exception.
        assertThat(psl.publicSuffix("a.b.ck")).isEqualTo("b.ck");
        assertThat(psl.publicSuffix("www.ck")).isEqualTo("ck");
        assertThat(psl.publicSuffix("x.city.kawasaki.jp")).isEqualTo("kawasaki.jp");
        assertThat(psl.publicSuffix("x.other.kawasaki.jp")).isEqualTo("other.kawasaki.jp");
        // No rule: the default "*" is the top-level label.
        assertThat(psl.publicSuffix("a.b.not-a-real-tld-jtls")).isEqualTo("not-a-real-tld-jtls");
        // IDN rules are held as A-labels: 公司.cn.
        assertThat(psl.isPublicSuffix("xn--55qx5d.cn")).isTrue();
        assertThat(psl.publicSuffix("a..b")).isNull();
        assertThat(psl.isPublicSuffix("example.co.uk")).isFalse();
    }

    @Test
    void aWildcardOverAPublicSuffixMatchesNothing() {
        assertThat(HostnameVerifier.dnsMatches("*.co.uk", "example.co.uk")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.s3.amazonaws.com", "bucket.s3.amazonaws.com")).isFalse();
        assertThat(HostnameVerifier.dnsMatches("*.example.co.uk", "www.example.co.uk")).isTrue();
        assertThat(HostnameVerifier.wildcardProblem("*.co.uk")).contains("public suffix").contains(PublicSuffixList.version());
        Issued leaf = CertBuilder.leaf("www.example.com", ChainFixtures.INTERMEDIATE).replace(Extension.subjectAlternativeName,
                false, new GeneralNames(new GeneralName(GeneralName.dNSName, "*.co.uk"))).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostnameVerifier.strict().verify(leaf.certificate(),
                "shop.co.uk")).hasMessageContaining("is a public suffix");
    }
}
