package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 5246 §7.4.4 ClientCertificateType: an open value type (uint8). */
public record ClientCertificateType(int code) {
    public static final ClientCertificateType RSA_SIGN = new ClientCertificateType(1);
    public static final ClientCertificateType DSS_SIGN = new ClientCertificateType(2);
    public static final ClientCertificateType RSA_FIXED_DH = new ClientCertificateType(3);
    public static final ClientCertificateType DSS_FIXED_DH = new ClientCertificateType(4);
    public static final ClientCertificateType ECDSA_SIGN = new ClientCertificateType(64);
    public static final ClientCertificateType RSA_FIXED_ECDH = new ClientCertificateType(65);
    public static final ClientCertificateType ECDSA_FIXED_ECDH = new ClientCertificateType(66);

    public ClientCertificateType {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("ClientCertificateType out of range: " + code);
        }
    }

    public static ClientCertificateType of(int code) {
        return new ClientCertificateType(code);
    }

    public static ClientCertificateType decode(TlsReader r) {
        return new ClientCertificateType(r.uint8("certificate_type"));
    }

    public void encode(TlsWriter w) {
        w.uint8(code);
    }

    public String name() {
        switch (code) {
            case 1: return "rsa_sign";
            case 2: return "dss_sign";
            case 3: return "rsa_fixed_dh";
            case 4: return "dss_fixed_dh";
            case 64: return "ecdsa_sign";
            case 65: return "rsa_fixed_ecdh";
            case 66: return "ecdsa_fixed_ecdh";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : "certificate_type(" + code + ")";
    }
}
