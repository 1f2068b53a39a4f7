package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.record.HandshakeFrame;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input: every decoder, fed random bytes or a mutated valid encoding, returns a value or
 * throws {@link TlsAlertException} — never anything else (no IndexOutOfBounds, no
 * IllegalArgumentException from a record constructor, no NullPointerException).
 */
class MessageFuzzProperties {

    static final Map<String, Function<TlsReader, ?>> DECODERS = new LinkedHashMap<>();

    static {
        DECODERS.put("HelloRequest", HelloRequest::decode);
        DECODERS.put("ClientHello", ClientHello::decode);
        DECODERS.put("ServerHello", ServerHello::decode);
        DECODERS.put("Certificate", Certificate::decode);
        DECODERS.put("ServerKeyExchange", ServerKeyExchange::decode);
        DECODERS.put("CertificateRequest", CertificateRequest::decode);
        DECODERS.put("ServerHelloDone", ServerHelloDone::decode);
        DECODERS.put("CertificateVerify", CertificateVerify::decode);
        DECODERS.put("RsaClientKeyExchange", RsaClientKeyExchange::decode);
        DECODERS.put("EcdhClientKeyExchange", EcdhClientKeyExchange::decode);
        DECODERS.put("Finished", r -> Finished.decode(r, 12));
        DECODERS.put("NewSessionTicket", NewSessionTicket::decode);
        DECODERS.put("CertificateStatus", CertificateStatus::decode);
        DECODERS.put("ServerNameList", ServerNameList::decode);
        DECODERS.put("SupportedGroups", SupportedGroups::decode);
        DECODERS.put("EcPointFormats", EcPointFormats::decode);
        DECODERS.put("SignatureAlgorithms", SignatureAlgorithms::decode);
        DECODERS.put("Alpn", Alpn::decode);
        DECODERS.put("RenegotiationInfo", RenegotiationInfo::decode);
        DECODERS.put("SessionTicket", SessionTicket::decode);
        DECODERS.put("StatusRequest", StatusRequest::decode);
        DECODERS.put("RecordSizeLimit", RecordSizeLimit::decode);
        DECODERS.put("MaxFragmentLength", MaxFragmentLength::decode);
        DECODERS.put("ClientHelloExtensions", ClientHelloExtensions::decode);
        DECODERS.put("ServerHelloExtensions", ServerHelloExtensions::decode);
    }

    /** Runs the decoder; the only exception allowed out is TlsAlertException. */
    static void onlyAlerts(Function<TlsReader, ?> decoder, byte[] input) {
        try {
            Object v = decoder.apply(new TlsReader(input));
            assertThat(v).isNotNull();
        } catch (TlsAlertException expected) {
            assertThat(expected.description()).isNotNull();
        }
    }

    @Property(tries = 3000)
    void randomBytesGiveAValueOrAnAlert(@ForAll("decoderNames") String name, @ForAll @Size(max = 300) byte[] input) {
        onlyAlerts(DECODERS.get(name), input);
    }

    @Property(tries = 2000)
    void randomFramesGiveAMessageOrAnAlert(@ForAll @IntRange(min = 0, max = 255) int type,
                                           @ForAll @Size(max = 300) byte[] body,
                                           @ForAll("contexts") DecodeContext ctx) {
        byte[] raw = new byte[body.length + 4];
        raw[0] = (byte) type;
        raw[1] = 0;
        raw[2] = (byte) (body.length >>> 8);
        raw[3] = (byte) body.length;
        System.arraycopy(body, 0, raw, 4, body.length);
        try {
            HandshakeMessage m = HandshakeMessages.decode(new HandshakeFrame(raw), ctx);
            assertThat(m.type().code()).isEqualTo(type);
        } catch (TlsAlertException expected) {
            assertThat(expected.description()).isNotNull();
        }
    }

    /** Mutations of valid messages reach deep into the parsers, where random bytes rarely go. */
    @Property(tries = 3000)
    void mutatedMessagesGiveAMessageOrAnAlert(@ForAll("messages") HandshakeMessage m,
                                              @ForAll("mutations") List<int[]> mutations) {
        byte[] raw = m.encodeWithHeader();
        byte[] body = java.util.Arrays.copyOfRange(raw, 4, raw.length);
        int cut = body.length;
        for (int[] mu : mutations) {
            if (body.length == 0) {
                break;
            }
            int at = Math.floorMod(mu[1], body.length);
            switch (mu[0]) {
                case 0: body[at] ^= (byte) (1 + Math.floorMod(mu[2], 255)); break;
                case 1: body[at] = (byte) mu[2]; break;
                default: cut = Math.min(cut, at); break;
            }
        }
        byte[] mutated = java.util.Arrays.copyOf(body, cut);
        KeyExchangeKind kind = m instanceof ClientKeyExchange ? ((ClientKeyExchange) m).kind() : KeyExchangeKind.ECDHE;
        byte[] framed = new byte[mutated.length + 4];
        framed[0] = raw[0];
        framed[1] = (byte) (mutated.length >>> 16);
        framed[2] = (byte) (mutated.length >>> 8);
        framed[3] = (byte) mutated.length;
        System.arraycopy(mutated, 0, framed, 4, mutated.length);
        try {
            HandshakeMessages.decode(new HandshakeFrame(framed), DecodeContext.negotiated(kind));
        } catch (TlsAlertException expected) {
            assertThat(expected.description()).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> decoderNames() {
        return Arbitraries.of(List.copyOf(DECODERS.keySet()));
    }

    @Provide
    Arbitrary<DecodeContext> contexts() {
        return Arbitraries.of(DecodeContext.INITIAL, DecodeContext.negotiated(KeyExchangeKind.RSA),
                DecodeContext.negotiated(KeyExchangeKind.ECDHE), new DecodeContext(KeyExchangeKind.ECDHE, 36));
    }

    @Provide
    Arbitrary<HandshakeMessage> messages() {
        return Arb.anyMessage();
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers(),
                Arbitraries.integers().between(0, 255)).as((k, at, v) -> new int[] {k, at, v})
                .list().ofMinSize(1).ofMaxSize(3);
    }
}
