package dev.jtls.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.suite.CipherSuite;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SessionProperties {

    @Provide
    static Arbitrary<Session> sessions() {
        Arbitrary<byte[]> ids = Arbitraries.bytes().array(byte[].class).ofMaxSize(32);
        Arbitrary<byte[]> secrets = Arbitraries.bytes().array(byte[].class).ofSize(48);
        Arbitrary<CipherSuite> suites = Arbitraries.of(CipherSuite.class);
        Arbitrary<List<byte[]>> chains = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40)
                .list().ofMaxSize(4);
        Arbitrary<String> names = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(1)
                .ofMaxLength(255).injectNull(0.3);
        Arbitrary<Long> millis = Arbitraries.longs().between(0, 9_000_000_000_000_000L);
        Arbitrary<Long> seconds = Arbitraries.longs().between(0, 0xffffffffL);
        Arbitrary<Integer> versions = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<Boolean> bools = Arbitraries.of(true, false);
        return Combinators.combine(ids, secrets, suites, chains, chains, names, names, millis)
                .as((id, secret, suite, peer, local, sni, alpn, ms) -> Session.builder().id(id)
                        .masterSecret(secret).cipherSuite(suite).peerCertificates(peer)
                        .localCertificates(local).serverName(sni).applicationProtocol(alpn)
                        .creationTime(Instant.ofEpochMilli(ms)))
                .flatMap(b -> Combinators.combine(seconds, versions, bools).as((s, v, ems) -> b
                        .lifetime(Duration.ofSeconds(s)).protocolVersion(ProtocolVersion.of(v))
                        .extendedMasterSecret(ems).build()));
    }

    @Property(tries = 300)
    void encodeDecodeRoundTrips(@ForAll("sessions") Session s) {
        TlsWriter w = new TlsWriter();
        s.encode(w);
        Session back = TlsReader.readAll(w.toByteArray(), "session", Session::decode);
        assertThat(back).isEqualTo(s);
        assertThat(back.toString()).isEqualTo(s.toString());
    }

    @Property(tries = 2000)
    void randomBytesGiveASessionOrADecodeError(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            Session s = TlsReader.readAll(bytes, "session", Session::decode);
            assertThat(s).isNotNull();
        } catch (TlsAlertException e) {
            assertThat(e.description().rfcName()).isEqualTo("decode_error");
        }
    }

    @Property(tries = 1000)
    void mutatedEncodingsGiveASessionOrADecodeError(@ForAll("sessions") Session s,
                                                   @ForAll int position, @ForAll byte value) {
        TlsWriter w = new TlsWriter();
        s.encode(w);
        byte[] b = w.toByteArray();
        b[Math.floorMod(position, b.length)] = value;
        try {
            assertThat(TlsReader.readAll(b, "session", Session::decode)).isNotNull();
        } catch (TlsAlertException e) {
            assertThat(e.description().rfcName()).isEqualTo("decode_error");
        }
    }
}
