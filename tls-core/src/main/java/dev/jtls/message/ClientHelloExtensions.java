package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * The extensions of a ClientHello as typed fields, not a list searched everywhere (RFC 5246
 * §7.4.1.4: at most one of each type): each is null (or false)
 * when not sent. Extensions jtls does not interpret are kept in {@code unknown}; {@code order}
 * lists every extension type in the order received (and encoding follows it, so a decoded hello
 * re-encodes to the same bytes).
 */
public record ClientHelloExtensions(
        ServerNameList serverName,
        MaxFragmentLength maxFragmentLength,
        StatusRequest statusRequest,
        SupportedGroups supportedGroups,
        EcPointFormats ecPointFormats,
        SignatureAlgorithms signatureAlgorithms,
        Alpn alpn,
        boolean encryptThenMac,
        boolean extendedMasterSecret,
        RecordSizeLimit recordSizeLimit,
        SessionTicket sessionTicket,
        RenegotiationInfo renegotiationInfo,
        List<UnknownExtension> unknown,
        List<ExtensionType> order) {

    /** The types that have a typed field here. */
    public static final List<ExtensionType> HANDLED = List.of(
            ExtensionType.SERVER_NAME, ExtensionType.MAX_FRAGMENT_LENGTH, ExtensionType.STATUS_REQUEST,
            ExtensionType.SUPPORTED_GROUPS, ExtensionType.EC_POINT_FORMATS, ExtensionType.SIGNATURE_ALGORITHMS,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.ENCRYPT_THEN_MAC,
            ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.SESSION_TICKET,
            ExtensionType.RENEGOTIATION_INFO);

    public static final ClientHelloExtensions EMPTY = builder().build();

    public ClientHelloExtensions {
        unknown = List.copyOf(unknown);
        order = List.copyOf(order);
        ExtensionBlock.checkFields(order, unknown, HANDLED, serverName, maxFragmentLength, statusRequest,
                supportedGroups, ecPointFormats, signatureAlgorithms, alpn, encryptThenMac, extendedMasterSecret,
                recordSizeLimit, sessionTicket, renegotiationInfo);
    }

    /** True if an extension of this type was sent (known or not). */
    public boolean has(ExtensionType type) {
        return order.contains(type);
    }

    public static ClientHelloExtensions decode(TlsReader r) {
        Builder b = builder();
        for (ExtensionBlock.Entry e : ExtensionBlock.read(r, "ClientHello")) {
            switch (e.type().code()) {
                case 0: b.serverName(ExtensionBlock.decode(e, ServerNameList::decode)); break;
                case 1: b.maxFragmentLength(ExtensionBlock.decode(e, MaxFragmentLength::decode)); break;
                case 5: b.statusRequest(ExtensionBlock.decode(e, StatusRequest::decode)); break;
                case 10: b.supportedGroups(ExtensionBlock.decode(e, SupportedGroups::decode)); break;
                case 11: b.ecPointFormats(ExtensionBlock.decode(e, EcPointFormats::decode)); break;
                case 13: b.signatureAlgorithms(ExtensionBlock.decode(e, SignatureAlgorithms::decode)); break;
                case 16: b.alpn(ExtensionBlock.decode(e, Alpn::decode)); break;
                // RFC 7366 §2 and RFC 7627 §5.1: "extension_data" is empty; tlsfuzzer
                // test-encrypt-then-mac.py / test-extended-master-secret-extension.py expect
                // decode_error otherwise.
                case 22: b.encryptThenMac(ExtensionBlock.empty(e)); break;
                case 23: b.extendedMasterSecret(ExtensionBlock.empty(e)); break;
                case 28: b.recordSizeLimit(ExtensionBlock.decode(e, RecordSizeLimit::decode)); break;
                case 35: b.sessionTicket(ExtensionBlock.decode(e, SessionTicket::decode)); break;
                case 0xff01: b.renegotiationInfo(ExtensionBlock.decode(e, RenegotiationInfo::decode)); break;
                default:
                    b.unknown(new UnknownExtension(e.type(), Wire.rest(e.data(), e.type().toString())));
                    break;
            }
        }
        ClientHelloExtensions x = b.build();
        // RFC 8422 §5.1.2: "If the client sends the extension and the extension does not contain
        // the uncompressed point format, and the client has used the Supported Groups extension to
        // indicate support for any of the curves defined in this specification, then the server
        // MUST abort the handshake and return an illegal_parameter alert." (tlsfuzzer
        // test-point-extension.py "ECDHE uncompressed extension missing").
        if (x.ecPointFormats != null && !x.ecPointFormats.hasUncompressed()
                && x.supportedGroups != null && x.supportedGroups.offersRfc8422Curve()) {
            throw new TlsAlertException(PeerMisbehaved.NO_UNCOMPRESSED_POINT_FORMAT, "ec_point_formats without uncompressed while offering elliptic curves");
        }
        return x;
    }

    /** Writes the whole block: {@code Extension extensions<0..2^16-1>}, in {@code order}. */
    public void encode(TlsWriter w) {
        ExtensionBlock.encode(w, order, unknown, this::body);
    }

    /** The body writer of a type with a typed field here; null for any other. */
    private Consumer<TlsWriter> body(ExtensionType t) {
        switch (t.code()) {
            case 0: return serverName::encode;
            case 1: return maxFragmentLength::encode;
            case 5: return statusRequest::encode;
            case 10: return supportedGroups::encode;
            case 11: return ecPointFormats::encode;
            case 13: return signatureAlgorithms::encode;
            case 16: return alpn::encode;
            case 22:
            case 23: return y -> { };
            case 28: return recordSizeLimit::encode;
            case 35: return sessionTicket::encode;
            case 0xff01: return renegotiationInfo::encode;
            default: return null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the extensions in the order the setters are first called (that is the wire order). */
    public static final class Builder {
        private ServerNameList serverName;
        private MaxFragmentLength maxFragmentLength;
        private StatusRequest statusRequest;
        private SupportedGroups supportedGroups;
        private EcPointFormats ecPointFormats;
        private SignatureAlgorithms signatureAlgorithms;
        private Alpn alpn;
        private boolean encryptThenMac;
        private boolean extendedMasterSecret;
        private RecordSizeLimit recordSizeLimit;
        private SessionTicket sessionTicket;
        private RenegotiationInfo renegotiationInfo;
        private final ExtensionOrder order = new ExtensionOrder();

        private Builder() {
        }

        public Builder serverName(ServerNameList v) {
            serverName = v;
            order.mark(ExtensionType.SERVER_NAME, v != null);
            return this;
        }

        public Builder maxFragmentLength(MaxFragmentLength v) {
            maxFragmentLength = v;
            order.mark(ExtensionType.MAX_FRAGMENT_LENGTH, v != null);
            return this;
        }

        public Builder statusRequest(StatusRequest v) {
            statusRequest = v;
            order.mark(ExtensionType.STATUS_REQUEST, v != null);
            return this;
        }

        public Builder supportedGroups(SupportedGroups v) {
            supportedGroups = v;
            order.mark(ExtensionType.SUPPORTED_GROUPS, v != null);
            return this;
        }

        public Builder ecPointFormats(EcPointFormats v) {
            ecPointFormats = v;
            order.mark(ExtensionType.EC_POINT_FORMATS, v != null);
            return this;
        }

        public Builder signatureAlgorithms(SignatureAlgorithms v) {
            signatureAlgorithms = v;
            order.mark(ExtensionType.SIGNATURE_ALGORITHMS, v != null);
            return this;
        }

        public Builder alpn(Alpn v) {
            alpn = v;
            order.mark(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, v != null);
            return this;
        }

        public Builder encryptThenMac(boolean v) {
            encryptThenMac = v;
            order.mark(ExtensionType.ENCRYPT_THEN_MAC, v);
            return this;
        }

        public Builder extendedMasterSecret(boolean v) {
            extendedMasterSecret = v;
            order.mark(ExtensionType.EXTENDED_MASTER_SECRET, v);
            return this;
        }

        public Builder recordSizeLimit(RecordSizeLimit v) {
            recordSizeLimit = v;
            order.mark(ExtensionType.RECORD_SIZE_LIMIT, v != null);
            return this;
        }

        public Builder sessionTicket(SessionTicket v) {
            sessionTicket = v;
            order.mark(ExtensionType.SESSION_TICKET, v != null);
            return this;
        }

        public Builder renegotiationInfo(RenegotiationInfo v) {
            renegotiationInfo = v;
            order.mark(ExtensionType.RENEGOTIATION_INFO, v != null);
            return this;
        }

        /** Adds an extension jtls does not interpret (e.g. padding); its type must not have a field here. */
        public Builder unknown(UnknownExtension v) {
            order.unknown(v, HANDLED);
            return this;
        }

        public ClientHelloExtensions build() {
            return new ClientHelloExtensions(serverName, maxFragmentLength, statusRequest, supportedGroups,
                    ecPointFormats, signatureAlgorithms, alpn, encryptThenMac, extendedMasterSecret,
                    recordSizeLimit, sessionTicket, renegotiationInfo, order.unknown(), order.order());
        }
    }
}
