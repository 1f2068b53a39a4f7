package dev.jtls.message;

import dev.jtls.record.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every message and extension of dev.jtls.message (valid values only). */
final class Arb {
    private Arb() {
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xff);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<ProtocolVersion> version() {
        return Combinators.combine(u8(), u8()).as(ProtocolVersion::new);
    }

    static Arbitrary<CipherSuiteId> suite() {
        return Arbitraries.oneOf(u16().map(CipherSuiteId::of),
                Arbitraries.of(0xc02f, 0xc02b, 0x009c, 0x00ff, 0x5600).map(CipherSuiteId::of));
    }

    static Arbitrary<NamedGroupId> group() {
        return Arbitraries.oneOf(u16().map(NamedGroupId::of), Arbitraries.of(0x17, 0x18, 0x19, 0x1d, 0x1e).map(NamedGroupId::of));
    }

    static Arbitrary<SignatureSchemeId> scheme() {
        return Arbitraries.oneOf(u16().map(SignatureSchemeId::of),
                Arbitraries.of(0x0403, 0x0804, 0x0401, 0x0807).map(SignatureSchemeId::of));
    }

    // ---- extensions ----

    static Arbitrary<String> hostName() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-._ABCXYZ").ofMinLength(1).ofMaxLength(40);
    }

    static Arbitrary<ServerNameList> serverNameList() {
        Arbitrary<ServerNameList.ServerName> other = Combinators.combine(Arbitraries.integers().between(1, 255), bytes(1, 30))
                .as(ServerNameList.ServerName::new);
        return Combinators.combine(hostName().injectNull(0.2), other.list().ofMaxSize(3), Arbitraries.integers().between(0, 3))
                .as((host, others, at) -> {
                    List<ServerNameList.ServerName> names = new ArrayList<>(others);
                    if (host != null) {
                        names.add(Math.min(at, names.size()), new ServerNameList.ServerName(0, Bytes.of(host.getBytes())));
                    }
                    return names;
                })
                .filter(names -> !names.isEmpty())
                .map(ServerNameList::new);
    }

    static Arbitrary<SupportedGroups> supportedGroups() {
        return group().list().ofMinSize(1).ofMaxSize(20).map(SupportedGroups::new);
    }

    static Arbitrary<EcPointFormats> ecPointFormats() {
        return u8().map(EcPointFormat::of).list().ofMinSize(1).ofMaxSize(5).map(EcPointFormats::new);
    }

    static Arbitrary<EcPointFormats> ecPointFormatsWithUncompressed() {
        return ecPointFormats().map(f -> {
            List<EcPointFormat> l = new ArrayList<>(f.formats());
            if (!l.contains(EcPointFormat.UNCOMPRESSED)) {
                l.add(EcPointFormat.UNCOMPRESSED);
            }
            return new EcPointFormats(l);
        });
    }

    static Arbitrary<SignatureAlgorithms> signatureAlgorithms() {
        return scheme().list().ofMinSize(1).ofMaxSize(20).map(SignatureAlgorithms::new);
    }

    static Arbitrary<Alpn> alpn() {
        return bytes(1, 20).list().ofMinSize(1).ofMaxSize(5).map(Alpn::new);
    }

    static Arbitrary<Alpn> alpnSingle() {
        return bytes(1, 20).map(b -> new Alpn(List.of(b)));
    }

    static Arbitrary<RenegotiationInfo> renegotiationInfo() {
        return bytes(0, 48).map(RenegotiationInfo::new);
    }

    static Arbitrary<SessionTicket> sessionTicket() {
        return bytes(0, 120).map(SessionTicket::new);
    }

    static Arbitrary<StatusRequest> statusRequest() {
        Arbitrary<StatusRequest> ocsp = Combinators.combine(bytes(1, 20).list().ofMaxSize(3), bytes(0, 20))
                .as((ids, ext) -> new StatusRequest(StatusRequest.OCSP, ids, ext, Bytes.EMPTY));
        Arbitrary<StatusRequest> other = Combinators.combine(Arbitraries.integers().between(2, 255), bytes(0, 20))
                .as((t, body) -> new StatusRequest(t, List.of(), Bytes.EMPTY, body));
        return Arbitraries.oneOf(ocsp, other, Arbitraries.just(StatusRequest.OCSP_DEFAULT));
    }

    static Arbitrary<RecordSizeLimit> recordSizeLimit() {
        return Arbitraries.integers().between(64, 0xffff).map(RecordSizeLimit::new);
    }

    static Arbitrary<MaxFragmentLength> maxFragmentLength() {
        return Arbitraries.integers().between(1, 4).map(MaxFragmentLength::new);
    }

    static Arbitrary<List<UnknownExtension>> unknown(List<ExtensionType> handled) {
        return Combinators.combine(u16().map(ExtensionType::of).filter(t -> !handled.contains(t)), bytes(0, 20))
                .as(UnknownExtension::new)
                .list().uniqueElements(UnknownExtension::type).ofMaxSize(4);
    }

    private static <T, B> Arbitrary<Consumer<B>> optional(Arbitrary<T> value, java.util.function.BiConsumer<B, T> setter) {
        return value.injectNull(0.4).map(v -> v == null ? b -> { } : b -> setter.accept(b, v));
    }

    private static <B> Arbitrary<Consumer<B>> flag(java.util.function.BiConsumer<B, Boolean> setter) {
        return Arbitraries.of(true, false).map(v -> v ? b -> setter.accept(b, true) : b -> { });
    }

    static Arbitrary<ClientHelloExtensions> clientHelloExtensions() {
        List<Arbitrary<Consumer<ClientHelloExtensions.Builder>>> parts = List.of(
                optional(serverNameList(), ClientHelloExtensions.Builder::serverName),
                optional(maxFragmentLength(), ClientHelloExtensions.Builder::maxFragmentLength),
                optional(statusRequest(), ClientHelloExtensions.Builder::statusRequest),
                optional(supportedGroups(), ClientHelloExtensions.Builder::supportedGroups),
                optional(ecPointFormatsWithUncompressed(), ClientHelloExtensions.Builder::ecPointFormats),
                optional(signatureAlgorithms(), ClientHelloExtensions.Builder::signatureAlgorithms),
                optional(alpn(), ClientHelloExtensions.Builder::alpn),
                flag(ClientHelloExtensions.Builder::encryptThenMac),
                flag(ClientHelloExtensions.Builder::extendedMasterSecret),
                optional(recordSizeLimit(), ClientHelloExtensions.Builder::recordSizeLimit),
                optional(sessionTicket(), ClientHelloExtensions.Builder::sessionTicket),
                optional(renegotiationInfo(), ClientHelloExtensions.Builder::renegotiationInfo),
                unknown(ClientHelloExtensions.HANDLED).map(us -> b -> us.forEach(b::unknown)));
        return Combinators.combine(parts).as(l -> l)
                .flatMap(Arbitraries::shuffle)
                .map(actions -> {
                    ClientHelloExtensions.Builder b = ClientHelloExtensions.builder();
                    actions.forEach(a -> a.accept(b));
                    return b.build();
                });
    }

    static Arbitrary<ServerHelloExtensions> serverHelloExtensions() {
        List<Arbitrary<Consumer<ServerHelloExtensions.Builder>>> parts = List.of(
                flag(ServerHelloExtensions.Builder::serverName),
                optional(maxFragmentLength(), ServerHelloExtensions.Builder::maxFragmentLength),
                flag(ServerHelloExtensions.Builder::statusRequest),
                optional(ecPointFormatsWithUncompressed(), ServerHelloExtensions.Builder::ecPointFormats),
                optional(alpnSingle(), ServerHelloExtensions.Builder::alpn),
                flag(ServerHelloExtensions.Builder::encryptThenMac),
                flag(ServerHelloExtensions.Builder::extendedMasterSecret),
                optional(recordSizeLimit(), ServerHelloExtensions.Builder::recordSizeLimit),
                flag(ServerHelloExtensions.Builder::sessionTicket),
                optional(renegotiationInfo(), ServerHelloExtensions.Builder::renegotiationInfo),
                unknown(ServerHelloExtensions.HANDLED).map(us -> b -> us.forEach(b::unknown)));
        return Combinators.combine(parts).as(l -> l)
                .flatMap(Arbitraries::shuffle)
                .map(actions -> {
                    ServerHelloExtensions.Builder b = ServerHelloExtensions.builder();
                    actions.forEach(a -> a.accept(b));
                    return b.build();
                });
    }

    // ---- messages ----

    static Arbitrary<ClientHello> clientHello() {
        Arbitrary<List<CompressionMethod>> compression = u8().map(CompressionMethod::of).list().ofMaxSize(4)
                .map(l -> {
                    List<CompressionMethod> out = new ArrayList<>(l);
                    out.add(Math.min(1, out.size()), CompressionMethod.NULL);
                    return out;
                });
        return Combinators.combine(version(), bytes(32, 32), bytes(0, 32), suite().list().ofMinSize(1).ofMaxSize(40),
                compression, clientHelloExtensions().injectNull(0.2)).as(ClientHello::new);
    }

    static Arbitrary<ServerHello> serverHello() {
        return Combinators.combine(version(), bytes(32, 32), bytes(0, 32), suite(), u8().map(CompressionMethod::of),
                serverHelloExtensions().injectNull(0.2)).as(ServerHello::new);
    }

    static Arbitrary<Certificate> certificate() {
        return bytes(1, 300).list().ofMaxSize(4).map(Certificate::new);
    }

    static Arbitrary<ServerKeyExchange> serverKeyExchange() {
        return Combinators.combine(group(), bytes(1, 255), scheme(), bytes(0, 300)).as(ServerKeyExchange::new);
    }

    static Arbitrary<CertificateRequest> certificateRequest() {
        return Combinators.combine(u8().map(ClientCertificateType::of).list().ofMinSize(1).ofMaxSize(5),
                scheme().list().ofMinSize(1).ofMaxSize(10), bytes(1, 60).list().ofMaxSize(4))
                .as(CertificateRequest::new);
    }

    static Arbitrary<CertificateVerify> certificateVerify() {
        return Combinators.combine(scheme(), bytes(0, 300)).as(CertificateVerify::new);
    }

    static Arbitrary<RsaClientKeyExchange> rsaClientKeyExchange() {
        return bytes(0, 600).map(RsaClientKeyExchange::new);
    }

    static Arbitrary<EcdhClientKeyExchange> ecdhClientKeyExchange() {
        return bytes(1, 255).map(EcdhClientKeyExchange::new);
    }

    static Arbitrary<Finished> finished() {
        return bytes(12, 12).map(Finished::new);
    }

    static Arbitrary<NewSessionTicket> newSessionTicket() {
        return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), bytes(0, 300)).as(NewSessionTicket::new);
    }

    static Arbitrary<CertificateStatus> certificateStatus() {
        return bytes(1, 300).map(CertificateStatus::new);
    }

    /** Every message kind, for the dispatcher properties. */
    static Arbitrary<HandshakeMessage> anyMessage() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(HelloRequest.INSTANCE), clientHello(), serverHello(), certificate(),
                serverKeyExchange(), certificateRequest(), Arbitraries.just(ServerHelloDone.INSTANCE),
                certificateVerify(), rsaClientKeyExchange(), ecdhClientKeyExchange(), finished(),
                newSessionTicket(), certificateStatus()));
    }
}
