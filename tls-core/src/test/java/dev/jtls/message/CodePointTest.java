package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import org.junit.jupiter.api.Test;

class CodePointTest {
    @Test
    void namesAndHex() {
        assertThat(HandshakeType.CLIENT_KEY_EXCHANGE.toString()).isEqualTo("client_key_exchange");
        assertThat(HandshakeType.CERTIFICATE_STATUS.code()).isEqualTo(22);
        assertThat(HandshakeType.of(99).toString()).isEqualTo("handshake_type(99)");
        assertThat(ExtensionType.RENEGOTIATION_INFO.toString()).isEqualTo("renegotiation_info");
        assertThat(ExtensionType.of(0x1234).toString()).isEqualTo("extension(0x1234)");
        assertThat(CipherSuiteId.of(0xc02f).toString()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherSuiteId.of(0x0a0a).toString()).isEqualTo("0x0a0a");
        assertThat(CipherSuiteId.TLS_FALLBACK_SCSV.isSignalling()).isTrue();
        assertThat(NamedGroupId.of(0x0100).toString()).isEqualTo("ffdhe2048");
        assertThat(SignatureSchemeId.of(0x0201).toString()).isEqualTo("rsa_pkcs1_sha1");
        assertThat(SignatureSchemeId.of(0x0401).hashByte()).isEqualTo(4);
        assertThat(SignatureSchemeId.of(0x0401).signatureByte()).isEqualTo(1);
        assertThat(CompressionMethod.NULL.toString()).isEqualTo("null");
        assertThat(ClientCertificateType.ECDSA_SIGN.code()).isEqualTo(64);
        assertThat(EcPointFormat.of(7).toString()).isEqualTo("ec_point_format(7)");
    }

    @Test
    void supportedMapsToTheCryptoEnums() {
        for (NamedGroup g : NamedGroup.values()) {
            assertThat(NamedGroupId.of(g).supported()).isSameAs(g);
            assertThat(NamedGroupId.of(g).name()).isNotNull();
        }
        assertThat(NamedGroupId.FFDHE2048.supported()).isNull();
        for (SignatureScheme s : SignatureScheme.values()) {
            assertThat(SignatureSchemeId.of(s).supported()).isSameAs(s);
            assertThat(SignatureSchemeId.of(s).name()).isEqualToIgnoringCase(s.name());
        }
        assertThat(SignatureSchemeId.RSA_PKCS1_SHA1.supported()).isNull();
    }

    @Test
    void rfc8422Curves() {
        assertThat(NamedGroupId.SECP256R1.isRfc8422Curve()).isTrue();
        assertThat(NamedGroupId.X448.isRfc8422Curve()).isTrue();
        assertThat(NamedGroupId.of(0x1a).isRfc8422Curve()).as("brainpool is RFC 7027").isFalse();
        assertThat(NamedGroupId.FFDHE2048.isRfc8422Curve()).isFalse();
    }

    @Test
    void outOfRangeCodesAreRefused() {
        assertThatThrownBy(() -> HandshakeType.of(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtensionType.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CipherSuiteId.of(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesIsAValue() {
        byte[] b = {1, 2, 3};
        Bytes x = Bytes.of(b);
        b[0] = 9;
        assertThat(x).isEqualTo(Bytes.fromHex("010203"));
        byte[] out = x.toByteArray();
        out[1] = 9;
        assertThat(x.get(1)).isEqualTo(2);
        assertThat(x.constantTimeEquals(new byte[] {1, 2, 3})).isTrue();
        assertThat(x.constantTimeEquals(new byte[] {1, 2, 4})).isFalse();
        assertThat(x.toString()).isEqualTo("010203");
        assertThat(Bytes.of(new byte[100]).toString()).endsWith("...(100 bytes)");
    }
}
