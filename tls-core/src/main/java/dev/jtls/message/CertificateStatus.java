package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 6066 §8 CertificateStatus: {@code CertificateStatusType status_type; select (status_type)
 * { case ocsp: OCSPResponse; }} with {@code opaque OCSPResponse<1..2^24-1>} (DER, not parsed here).
 * A status_type other than ocsp(1) cannot be parsed and was not requested: decode_error (as
 * OpenSSL's tls_process_cert_status).
 */
public record CertificateStatus(Bytes ocspResponse) implements HandshakeMessage {
    public static final int OCSP = 1;

    public CertificateStatus {
        Wire.require(ocspResponse.length() >= 1 && ocspResponse.length() <= 0xffffff, "OCSPResponse length");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    public static CertificateStatus decode(TlsReader r) {
        int type = r.uint8("status_type");
        if (type != OCSP) {
            throw new TlsAlertException(InvalidMessage.VALUE_OUT_OF_RANGE, "CertificateStatus: status_type " + type + " is not ocsp");
        }
        Bytes response = Wire.opaque24(r, "OCSPResponse", 1, 0xffffff);
        r.expectEnd("CertificateStatus");
        return new CertificateStatus(response);
    }

    @Override
    public void encode(TlsWriter w) {
        w.uint8(OCSP);
        Wire.opaque24(w, ocspResponse);
    }
}
