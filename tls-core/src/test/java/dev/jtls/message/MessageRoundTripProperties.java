package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.function.BiConsumer;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(x)) == x, and the re-encoding is byte-identical, for every message and extension. */
class MessageRoundTripProperties {

    static <T> void roundTrip(T value, BiConsumer<T, TlsWriter> encoder, Function<TlsReader, T> decoder) {
        TlsWriter w = new TlsWriter();
        encoder.accept(value, w);
        byte[] bytes = w.toByteArray();
        T back = TlsReader.readAll(bytes, value.getClass().getSimpleName(), decoder);
        assertThat(back).isEqualTo(value);
        assertThat(back.hashCode()).isEqualTo(value.hashCode());
        TlsWriter again = new TlsWriter();
        encoder.accept(back, again);
        assertThat(again.toByteArray()).isEqualTo(bytes);
    }

    /** Through the framing: encodeWithHeader, HandshakeFrame, the dispatcher. */
    static void framed(HandshakeMessage m) {
        KeyExchangeKind kind = m instanceof ClientKeyExchange ? ((ClientKeyExchange) m).kind() : KeyExchangeKind.RSA;
        byte[] raw = m.encodeWithHeader();
        assertThat(raw[0] & 0xff).isEqualTo(m.type().code());
        assertThat(((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) | (raw[3] & 0xff)).isEqualTo(raw.length - 4);
        HandshakeMessage back = HandshakeMessages.decode(new HandshakeFrame(raw), DecodeContext.negotiated(kind));
        assertThat(back).isEqualTo(m);
        assertThat(back.encodeWithHeader()).isEqualTo(raw);
    }

    // ---- messages (each through the dispatcher) ----

    @Property
    void anyMessageThroughTheDispatcher(@ForAll("messages") HandshakeMessage m) {
        framed(m);
    }

    @Property
    void clientHello(@ForAll("clientHellos") ClientHello m) {
        roundTrip(m, ClientHello::encode, ClientHello::decode);
        framed(m);
    }

    @Property
    void serverHello(@ForAll("serverHellos") ServerHello m) {
        roundTrip(m, ServerHello::encode, ServerHello::decode);
        framed(m);
    }

    @Property
    void certificate(@ForAll("certificates") Certificate m) {
        roundTrip(m, Certificate::encode, Certificate::decode);
        framed(m);
    }

    @Property
    void serverKeyExchange(@ForAll("serverKeyExchanges") ServerKeyExchange m) {
        roundTrip(m, ServerKeyExchange::encode, ServerKeyExchange::decode);
        framed(m);
        // the signed params are a prefix of the body
        byte[] body = m.encodeWithHeader();
        byte[] params = m.paramsBytes();
        assertThat(java.util.Arrays.copyOfRange(body, 4, 4 + params.length)).isEqualTo(params);
    }

    @Property
    void certificateRequest(@ForAll("certificateRequests") CertificateRequest m) {
        roundTrip(m, CertificateRequest::encode, CertificateRequest::decode);
        framed(m);
    }

    @Property
    void certificateVerify(@ForAll("certificateVerifies") CertificateVerify m) {
        roundTrip(m, CertificateVerify::encode, CertificateVerify::decode);
        framed(m);
    }

    @Property
    void rsaClientKeyExchange(@ForAll("rsaCkes") RsaClientKeyExchange m) {
        roundTrip(m, RsaClientKeyExchange::encode, RsaClientKeyExchange::decode);
        framed(m);
    }

    @Property
    void ecdhClientKeyExchange(@ForAll("ecdhCkes") EcdhClientKeyExchange m) {
        roundTrip(m, EcdhClientKeyExchange::encode, EcdhClientKeyExchange::decode);
        framed(m);
    }

    @Property
    void finishedOfAnyLength(@ForAll("finishedBodies") Bytes verifyData) {
        Finished m = new Finished(verifyData);
        roundTrip(m, Finished::encode, r -> Finished.decode(r, verifyData.length()));
    }

    @Property
    void newSessionTicket(@ForAll("tickets") NewSessionTicket m) {
        roundTrip(m, NewSessionTicket::encode, NewSessionTicket::decode);
        framed(m);
    }

    @Property
    void certificateStatus(@ForAll("statuses") CertificateStatus m) {
        roundTrip(m, CertificateStatus::encode, CertificateStatus::decode);
        framed(m);
    }

    // ---- extensions ----

    @Property
    void serverNameList(@ForAll("serverNames") ServerNameList x) {
        roundTrip(x, ServerNameList::encode, ServerNameList::decode);
    }

    @Property
    void supportedGroups(@ForAll("groups") SupportedGroups x) {
        roundTrip(x, SupportedGroups::encode, SupportedGroups::decode);
    }

    @Property
    void ecPointFormats(@ForAll("pointFormats") EcPointFormats x) {
        roundTrip(x, EcPointFormats::encode, EcPointFormats::decode);
    }

    @Property
    void signatureAlgorithms(@ForAll("sigAlgs") SignatureAlgorithms x) {
        roundTrip(x, SignatureAlgorithms::encode, SignatureAlgorithms::decode);
    }

    @Property
    void alpn(@ForAll("alpns") Alpn x) {
        roundTrip(x, Alpn::encode, Alpn::decode);
    }

    @Property
    void renegotiationInfo(@ForAll("renegs") RenegotiationInfo x) {
        roundTrip(x, RenegotiationInfo::encode, RenegotiationInfo::decode);
    }

    @Property
    void sessionTicket(@ForAll("sessionTickets") SessionTicket x) {
        roundTrip(x, SessionTicket::encode, SessionTicket::decode);
    }

    @Property
    void statusRequest(@ForAll("statusRequests") StatusRequest x) {
        roundTrip(x, StatusRequest::encode, StatusRequest::decode);
    }

    @Property
    void recordSizeLimit(@ForAll("recordSizeLimits") RecordSizeLimit x) {
        roundTrip(x, RecordSizeLimit::encode, RecordSizeLimit::decode);
    }

    @Property
    void maxFragmentLength(@ForAll("mfls") MaxFragmentLength x) {
        roundTrip(x, MaxFragmentLength::encode, MaxFragmentLength::decode);
        assertThat(x.length()).isIn(512, 1024, 2048, 4096);
    }

    @Property
    void clientHelloExtensions(@ForAll("clientExts") ClientHelloExtensions x) {
        roundTrip(x, ClientHelloExtensions::encode, ClientHelloExtensions::decode);
        for (ExtensionType t : x.order()) {
            assertThat(x.has(t)).isTrue();
        }
    }

    @Property
    void serverHelloExtensions(@ForAll("serverExts") ServerHelloExtensions x) {
        roundTrip(x, ServerHelloExtensions::encode, ServerHelloExtensions::decode);
    }

    // ---- providers ----

    @Provide
    @SuppressWarnings("unchecked")
    Arbitrary<HandshakeMessage> messages() {
        return Arb.anyMessage();
    }

    @Provide
    Arbitrary<ClientHello> clientHellos() {
        return Arb.clientHello();
    }

    @Provide
    Arbitrary<ServerHello> serverHellos() {
        return Arb.serverHello();
    }

    @Provide
    Arbitrary<Certificate> certificates() {
        return Arb.certificate();
    }

    @Provide
    Arbitrary<ServerKeyExchange> serverKeyExchanges() {
        return Arb.serverKeyExchange();
    }

    @Provide
    Arbitrary<CertificateRequest> certificateRequests() {
        return Arb.certificateRequest();
    }

    @Provide
    Arbitrary<CertificateVerify> certificateVerifies() {
        return Arb.certificateVerify();
    }

    @Provide
    Arbitrary<RsaClientKeyExchange> rsaCkes() {
        return Arb.rsaClientKeyExchange();
    }

    @Provide
    Arbitrary<EcdhClientKeyExchange> ecdhCkes() {
        return Arb.ecdhClientKeyExchange();
    }

    @Provide
    Arbitrary<Bytes> finishedBodies() {
        return Arb.bytes(1, 64);
    }

    @Provide
    Arbitrary<NewSessionTicket> tickets() {
        return Arb.newSessionTicket();
    }

    @Provide
    Arbitrary<CertificateStatus> statuses() {
        return Arb.certificateStatus();
    }

    @Provide
    Arbitrary<ServerNameList> serverNames() {
        return Arb.serverNameList();
    }

    @Provide
    Arbitrary<SupportedGroups> groups() {
        return Arb.supportedGroups();
    }

    @Provide
    Arbitrary<EcPointFormats> pointFormats() {
        return Arb.ecPointFormats();
    }

    @Provide
    Arbitrary<SignatureAlgorithms> sigAlgs() {
        return Arb.signatureAlgorithms();
    }

    @Provide
    Arbitrary<Alpn> alpns() {
        return Arb.alpn();
    }

    @Provide
    Arbitrary<RenegotiationInfo> renegs() {
        return Arb.renegotiationInfo();
    }

    @Provide
    Arbitrary<SessionTicket> sessionTickets() {
        return Arb.sessionTicket();
    }

    @Provide
    Arbitrary<StatusRequest> statusRequests() {
        return Arb.statusRequest();
    }

    @Provide
    Arbitrary<RecordSizeLimit> recordSizeLimits() {
        return Arb.recordSizeLimit();
    }

    @Provide
    Arbitrary<MaxFragmentLength> mfls() {
        return Arb.maxFragmentLength();
    }

    @Provide
    Arbitrary<ClientHelloExtensions> clientExts() {
        return Arb.clientHelloExtensions();
    }

    @Provide
    Arbitrary<ServerHelloExtensions> serverExts() {
        return Arb.serverHelloExtensions();
    }
}
