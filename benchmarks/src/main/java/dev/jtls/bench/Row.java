package dev.jtls.bench;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;

/** The handshake table's rows: one suite, group and ServerKeyExchange signature scheme each. */
enum Row {
    ECDHE_RSA_P256(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1, SignatureScheme.RSA_PKCS1_SHA256),
    ECDHE_RSA_X25519(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, SignatureScheme.RSA_PKCS1_SHA256),
    ECDHE_ECDSA_P256(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1,
            SignatureScheme.ECDSA_SECP256R1_SHA256),
    RSA(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, null, null);

    final CipherSuite suite;
    final NamedGroup group;
    final SignatureScheme scheme;

    Row(CipherSuite suite, NamedGroup group, SignatureScheme scheme) {
        this.suite = suite;
        this.group = group;
        this.scheme = scheme;
    }

    /** The group's JSSE name (jdk.tls.namedGroups), or null for RSA key exchange. */
    String jsseGroup() {
        if (group == null) {
            return null;
        }
        return group == NamedGroup.X25519 ? "x25519" : "secp256r1";
    }

    int groupCode() {
        return group == null ? -1 : group.code();
    }

    int schemeCode() {
        return scheme == null ? -1 : scheme.code();
    }
}
