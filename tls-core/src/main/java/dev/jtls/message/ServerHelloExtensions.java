package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * The extensions of a ServerHello as typed fields (RFC 5246 §7.4.1.4: at most one of each type),
 * null/false when not sent.
 * Several are empty acknowledgements here: server_name (RFC 6066 §3), status_request (RFC 6066
 * §8), session_ticket (RFC 5077 §3.2), encrypt_then_mac, extended_master_secret; any content in
 * them is decode_error. Other types go to {@code unknown}: the client's state machine refuses any
 * type it did not offer with unsupported_extension (RFC 5246 §7.4.1.4), using {@code order}.
 */
public record ServerHelloExtensions(
        boolean serverName,
        MaxFragmentLength maxFragmentLength,
        boolean statusRequest,
        EcPointFormats ecPointFormats,
        Alpn alpn,
        boolean encryptThenMac,
        boolean extendedMasterSecret,
        RecordSizeLimit recordSizeLimit,
        boolean sessionTicket,
        RenegotiationInfo renegotiationInfo,
        List<UnknownExtension> unknown,
        List<ExtensionType> order) {

    /** The types that have a typed field here, in field order. */
    public static final List<ExtensionType> HANDLED = List.of(
            ExtensionType.SERVER_NAME, ExtensionType.MAX_FRAGMENT_LENGTH, ExtensionType.STATUS_REQUEST,
            ExtensionType.EC_POINT_FORMATS, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
            ExtensionType.ENCRYPT_THEN_MAC, ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RECORD_SIZE_LIMIT,
            ExtensionType.SESSION_TICKET, ExtensionType.RENEGOTIATION_INFO);

    public static final ServerHelloExtensions EMPTY = builder().build();

    public ServerHelloExtensions {
        unknown = List.copyOf(unknown);
        order = List.copyOf(order);
        // RFC 7301 §3.1: the server's ProtocolNameList "MUST contain exactly one" name.
        Wire.require(alpn == null || alpn.protocols().size() == 1, "ServerHello ALPN carries exactly one protocol");
        // RFC 8422 §5.1.2: a sent ec_point_formats contains uncompressed.
        Wire.require(ecPointFormats == null || ecPointFormats.hasUncompressed(), "ec_point_formats without uncompressed");
        ExtensionBlock.checkFields(order, unknown, HANDLED, serverName, maxFragmentLength, statusRequest,
                ecPointFormats, alpn, encryptThenMac, extendedMasterSecret, recordSizeLimit, sessionTicket,
                renegotiationInfo);
    }

    /** True if an extension of this type was sent (known or not). */
    public boolean has(ExtensionType type) {
        return order.contains(type);
    }

    /** The protocol the server selected, or null. */
    public Bytes selectedProtocol() {
        return alpn == null ? null : alpn.protocols().get(0);
    }

    public static ServerHelloExtensions decode(TlsReader r) {
        Builder b = builder();
        for (ExtensionBlock.Entry e : ExtensionBlock.read(r, "ServerHello")) {
            switch (e.type().code()) {
                case 0: b.serverName(ExtensionBlock.empty(e)); break;
                case 1: b.maxFragmentLength(ExtensionBlock.decode(e, MaxFragmentLength::decode)); break;
                case 5: b.statusRequest(ExtensionBlock.empty(e)); break;
                case 11: {
                    EcPointFormats f = ExtensionBlock.decode(e, EcPointFormats::decode);
                    // RFC 8422 §5.1.2: "If the Supported Point Formats Extension is indeed sent,
                    // it MUST contain the value 0 (uncompressed)".
                    if (!f.hasUncompressed()) {
                        throw new TlsAlertException(PeerMisbehaved.NO_UNCOMPRESSED_POINT_FORMAT, "ServerHello ec_point_formats without uncompressed");
                    }
                    b.ecPointFormats(f);
                    break;
                }
                case 16: {
                    Alpn a = ExtensionBlock.decode(e, Alpn::decode);
                    // RFC 7301 §3.1: the server's list "MUST contain exactly one" ProtocolName;
                    // another count is a malformed ServerHello extension.
                    if (a.protocols().size() != 1) {
                        throw new TlsAlertException(InvalidMessage.BAD_LENGTH, "ServerHello ALPN with " + a.protocols().size() + " protocols");
                    }
                    b.alpn(a);
                    break;
                }
                case 22: b.encryptThenMac(ExtensionBlock.empty(e)); break;
                case 23: b.extendedMasterSecret(ExtensionBlock.empty(e)); break;
                case 28: b.recordSizeLimit(ExtensionBlock.decode(e, RecordSizeLimit::decode)); break;
                case 35: b.sessionTicket(ExtensionBlock.empty(e)); break;
                case 0xff01: b.renegotiationInfo(ExtensionBlock.decode(e, RenegotiationInfo::decode)); break;
                default:
                    b.unknown(new UnknownExtension(e.type(), Wire.rest(e.data(), e.type().toString())));
                    break;
            }
        }
        return b.build();
    }

    /** Writes the whole block: {@code Extension extensions<0..2^16-1>}, in {@code order}. */
    public void encode(TlsWriter w) {
        ExtensionBlock.encode(w, order, unknown, this::body);
    }

    /** The body writer of a type with a typed field here (the acknowledgements are empty); null for any other. */
    private Consumer<TlsWriter> body(ExtensionType t) {
        switch (t.code()) {
            case 1: return maxFragmentLength::encode;
            case 0:
            case 5:
            case 22:
            case 23:
            case 35: return y -> { };
            case 11: return ecPointFormats::encode;
            case 16: return alpn::encode;
            case 28: return recordSizeLimit::encode;
            case 0xff01: return renegotiationInfo::encode;
            default: return null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the extensions in the order the setters are first called (that is the wire order). */
    public static final class Builder {
        private boolean serverName;
        private MaxFragmentLength maxFragmentLength;
        private boolean statusRequest;
        private EcPointFormats ecPointFormats;
        private Alpn alpn;
        private boolean encryptThenMac;
        private boolean extendedMasterSecret;
        private RecordSizeLimit recordSizeLimit;
        private boolean sessionTicket;
        private RenegotiationInfo renegotiationInfo;
        private final ExtensionOrder order = new ExtensionOrder();

        private Builder() {
        }

        public Builder serverName(boolean v) {
            serverName = v;
            order.mark(ExtensionType.SERVER_NAME, v);
            return this;
        }

        public Builder maxFragmentLength(MaxFragmentLength v) {
            maxFragmentLength = v;
            order.mark(ExtensionType.MAX_FRAGMENT_LENGTH, v != null);
            return this;
        }

        public Builder statusRequest(boolean v) {
            statusRequest = v;
            order.mark(ExtensionType.STATUS_REQUEST, v);
            return this;
        }

        public Builder ecPointFormats(EcPointFormats v) {
            ecPointFormats = v;
            order.mark(ExtensionType.EC_POINT_FORMATS, v != null);
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

        public Builder sessionTicket(boolean v) {
            sessionTicket = v;
            order.mark(ExtensionType.SESSION_TICKET, v);
            return this;
        }

        public Builder renegotiationInfo(RenegotiationInfo v) {
            renegotiationInfo = v;
            order.mark(ExtensionType.RENEGOTIATION_INFO, v != null);
            return this;
        }

        public Builder unknown(UnknownExtension v) {
            order.unknown(v, HANDLED);
            return this;
        }

        public ServerHelloExtensions build() {
            return new ServerHelloExtensions(serverName, maxFragmentLength, statusRequest, ecPointFormats, alpn,
                    encryptThenMac, extendedMasterSecret, recordSizeLimit, sessionTicket, renegotiationInfo,
                    order.unknown(), order.order());
        }
    }
}
