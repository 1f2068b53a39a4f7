package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/**
 * RFC 6066 §8 status_request in a ClientHello: {@code CertificateStatusType status_type;
 * select (status_type) { case ocsp: OCSPStatusRequest; }} with {@code OCSPStatusRequest {
 * ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions; }},
 * {@code ResponderID opaque<1..2^16-1>}, {@code Extensions opaque<0..2^16-1>} (DER).
 *
 * <p>A status type other than ocsp(1) cannot be parsed; its body is kept in {@code otherRequest}
 * and the request is ignored (as OpenSSL does; RFC 6066 defines no alert for it). For ocsp,
 * {@code otherRequest} is empty; otherwise the two ocsp fields are empty.
 * (In a ServerHello the extension is empty, see {@link ServerHelloExtensions#statusRequest()}.)
 */
public record StatusRequest(int statusType, List<Bytes> responderIds, Bytes requestExtensions, Bytes otherRequest) {
    public static final ExtensionType TYPE = ExtensionType.STATUS_REQUEST;
    public static final int OCSP = 1;
    /** An ocsp request with no responder ids and no extensions (what clients usually send). */
    public static final StatusRequest OCSP_DEFAULT = new StatusRequest(OCSP, List.of(), Bytes.EMPTY, Bytes.EMPTY);

    public StatusRequest {
        responderIds = List.copyOf(responderIds);
        Wire.require(statusType >= 0 && statusType <= 0xff, "status_type out of range");
        if (statusType == OCSP) {
            Wire.require(otherRequest.isEmpty(), "ocsp request has no other body");
            int total = 0;
            for (Bytes id : responderIds) {
                Wire.require(id.length() >= 1 && id.length() <= 0xffff, "ResponderID length");
                total += 2 + id.length();
            }
            Wire.require(total <= 0xffff, "responder_id_list too long");
            Wire.require(requestExtensions.length() <= 0xffff, "request_extensions too long");
        } else {
            Wire.require(responderIds.isEmpty() && requestExtensions.isEmpty(), "ocsp fields only for ocsp");
            Wire.require(otherRequest.length() <= 0xfffe, "request too long");
        }
    }

    public boolean isOcsp() {
        return statusType == OCSP;
    }

    public static StatusRequest decode(TlsReader r) {
        int type = r.uint8("status_type");
        if (type != OCSP) {
            return new StatusRequest(type, List.of(), Bytes.EMPTY, Wire.rest(r, "status_request"));
        }
        TlsReader ids = r.vector16("responder_id_list", 0, 0xffff);
        List<Bytes> responderIds = Wire.items(ids, x -> Wire.opaque16(x, "ResponderID", 1, 0xffff));
        Bytes ext = Wire.opaque16(r, "request_extensions", 0, 0xffff);
        r.expectEnd("status_request");
        return new StatusRequest(type, responderIds, ext, Bytes.EMPTY);
    }

    public void encode(TlsWriter w) {
        w.uint8(statusType);
        if (statusType != OCSP) {
            otherRequest.writeTo(w);
            return;
        }
        w.lengthPrefixed16(x -> {
            for (Bytes id : responderIds) {
                Wire.opaque16(x, id);
            }
        });
        Wire.opaque16(w, requestExtensions);
    }
}
