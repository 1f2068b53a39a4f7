package dev.jtls.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TranscriptScenario.Exchange;
import dev.jtls.connection.TranscriptScenario.Flow;
import dev.jtls.connection.TranscriptScenario.Peer;
import dev.jtls.connection.WireTranscript.Connection;
import dev.jtls.connection.WireTranscript.Flight;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * jtls's own handshakes, recorded byte for byte (src/test/resources/transcripts) and replayed
 * offline against each side: the client fed the recorded server flights must send exactly the
 * recorded client flights, and the server fed the client's must send exactly its own. Every
 * random input (hello randoms, ECDHE keys, the RSA premaster and its padding, ECDSA nonces and
 * RSA-PSS salts, session ids, ticket keys and nonces, CBC IVs) comes from the config's injected
 * SecureRandom, here a {@link dev.jtls.testing.SeededRandom}, and every time from its fixed clock,
 * so a change to any byte on the wire fails here.
 *
 * <p>A deliberate change to the wire is re-recorded with
 * {@code mvn -B -ntp -pl tls-core -am test -Dtest=WireTranscriptTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djtls.transcripts.update=true}, which rewrites the files under src/test/resources (and only then);
 * review the diff like code.
 */
class WireTranscriptTest {
    static final String UPDATE_PROPERTY = "jtls.transcripts.update";
    private static final String RESOURCES = "src/test/resources/transcripts";
    private static final HexFormat HEX = HexFormat.of();
    private static final TranscriptCredentials CREDENTIALS = credentials();
    private static final java.util.Map<String, WireTranscript> RECORDED = new java.util.HashMap<>();

    static Stream<TranscriptScenario> scenarios() {
        List<TranscriptScenario> all = new ArrayList<>();
        for (Exchange e : Exchange.values()) {
            for (Flow f : Flow.values()) {
                all.add(new TranscriptScenario(e, f));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void bothSidesReplayTheirRecordedTranscript(TranscriptScenario scenario) {
        WireTranscript recorded = transcript(scenario);
        assertThat(recorded.connections()).as("connections in " + scenario.name()).hasSize(scenario.flow().connections);
        replay(scenario, recorded, true);
        replay(scenario, recorded, false);
    }

    @Test
    void theResumedFlowsResumeAndTheOthersDoNot() {
        scenarios().forEach(s -> {
            List<Connection> cs = transcript(s).connections();
            assertThat(cs.get(0).negotiated()).as(s.name()).endsWith(", full");
            if (cs.size() > 1) {
                assertThat(cs.get(1).negotiated()).as(s.name()).endsWith(", resumed");
            }
        });
    }

    /** The replay is not blind: one flipped bit anywhere in the peer's flights shows (sampled, 48 places a side). */
    @Test
    void aFlippedBitInThePeersFlightsFailsTheReplay() {
        TranscriptScenario s = new TranscriptScenario(Exchange.ECDHE_ECDSA_X25519, Flow.RESUMED_BY_TICKET);
        WireTranscript t = transcript(s);
        for (boolean client : new boolean[] {true, false}) {
            int total = peerBytes(t, client);
            for (int k = 0; k < 48; k++) {
                int at = (int) ((long) total * k / 48) + k % 5;
                WireTranscript flipped = flip(t, client, at);
                assertThatThrownBy(() -> replay(s, flipped, client))
                        .as("%s fed a flipped bit at peer byte %d of %d", client ? "client" : "server", at, total)
                        .isInstanceOf(AssertionError.class);
            }
        }
    }

    /** Plays one side against the recorded other: it must send exactly its recorded flights and finish cleanly. */
    static void replay(TranscriptScenario scenario, WireTranscript recorded, boolean asClient) {
        String side = asClient ? "client" : "server";
        TlsConfig config = asClient ? scenario.clientConfig(CREDENTIALS) : scenario.serverConfig(CREDENTIALS);
        for (int c = 0; c < recorded.connections().size(); c++) {
            Connection conn = recorded.connections().get(c);
            Peer me = asClient ? Peer.client(config) : Peer.server(config);
            int n = 0;
            for (Flight f : conn.flights()) {
                n++;
                String where = scenario.name() + ", connection " + (c + 1) + ", flight " + n + " (" + side + ")";
                if (f.fromClient() == asClient) {
                    assertSameRecords(where, f, Flight.of(asClient, me.take()));
                } else {
                    me.give(f.bytes());
                }
            }
            byte[] extra = me.take();
            if (extra.length > 0) {
                fail("%s, connection %d: the %s sent %d bytes more than recorded: %s", scenario.name(), c + 1, side,
                        extra.length, HEX.formatHex(extra));
            }
            me.assertFinished();
            assertThat(me.negotiated()).as("%s, connection %d, %s", scenario.name(), c + 1, side)
                    .isEqualTo(conn.negotiated());
        }
    }

    private static void assertSameRecords(String where, Flight recorded, Flight sent) {
        int records = Math.min(recorded.records().size(), sent.records().size());
        for (int i = 0; i < records; i++) {
            byte[] r = recorded.records().get(i);
            byte[] s = sent.records().get(i);
            int at = java.util.Arrays.mismatch(r, s);
            if (at >= 0) {
                fail("%s, record %d: byte %d differs (recorded %d bytes, sent %d)%n recorded: %s%n sent:     %s", where,
                        i + 1, at, r.length, s.length, HEX.formatHex(r), HEX.formatHex(s));
            }
        }
        if (recorded.records().size() != sent.records().size()) {
            fail("%s: %d records recorded, %d sent", where, recorded.records().size(), sent.records().size());
        }
    }

    /** Runs both sides against each other, records every flight, checks it, and writes the file. */
    static WireTranscript rerecord(TranscriptScenario scenario) {
        TlsConfig clientConfig = scenario.clientConfig(CREDENTIALS);
        TlsConfig serverConfig = scenario.serverConfig(CREDENTIALS);
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < scenario.flow().connections; c++) {
            Peer client = Peer.client(clientConfig);
            Peer server = Peer.server(serverConfig);
            List<Flight> flights = new ArrayList<>();
            for (int round = 0; ; round++) {
                assertThat(round).as("rounds in " + scenario.name()).isLessThan(20);
                byte[] up = client.take();
                if (up.length > 0) {
                    flights.add(Flight.of(true, up));
                    server.give(up);
                }
                byte[] down = server.take();
                if (down.length > 0) {
                    flights.add(Flight.of(false, down));
                    client.give(down);
                }
                if (up.length == 0 && down.length == 0) {
                    break;
                }
            }
            client.assertFinished();
            server.assertFinished();
            assertThat(server.negotiated()).isEqualTo(client.negotiated());
            connections.add(new Connection(client.negotiated(), flights));
        }
        WireTranscript t = new WireTranscript(List.of(
                "jtls wire transcript " + scenario.name() + ": " + describe(scenario),
                "Each line is one TLS record as sent: c> client to server, s> server to client.",
                "Recorded with seeded randoms and a fixed clock; re-record with -D" + UPDATE_PROPERTY + "=true",
                "(see WireTranscriptTest). Do not edit by hand."), connections);
        write(scenario.name() + ".hex", t.format());
        return t;
    }

    private static String describe(TranscriptScenario s) {
        return switch (s.flow()) {
            case FULL -> "a full handshake";
            case RESUMED_BY_ID -> "a full handshake without tickets, then one resumed by session id";
            case RESUMED_BY_TICKET -> "a full handshake, then one resumed by session ticket";
            case CLIENT_AUTH -> "a full handshake with a client certificate";
        } + " (" + s.exchange() + "); then ping, pong and close_notify both ways";
    }

    private static int peerBytes(WireTranscript t, boolean asClient) {
        int n = 0;
        for (Connection c : t.connections()) {
            for (Flight f : c.flights()) {
                n += f.fromClient() != asClient ? f.bytes().length : 0;
            }
        }
        return n;
    }

    /** The transcript with one bit flipped at the {@code at}-th byte the peer of {@code asClient} sent. */
    private static WireTranscript flip(WireTranscript t, boolean asClient, int at) {
        int[] left = {at};
        Function<Flight, Flight> edit = f -> {
            if (f.fromClient() == asClient || left[0] < 0) {
                return f;
            }
            byte[] b = f.bytes();
            if (left[0] < b.length) {
                b[left[0]] ^= 0x01;
                left[0] = -1;
                return Flight.of(f.fromClient(), b);
            }
            left[0] -= b.length;
            return f;
        };
        List<Connection> cs = new ArrayList<>();
        for (Connection c : t.connections()) {
            cs.add(new Connection(c.negotiated(), c.flights().stream().map(edit).toList()));
        }
        return new WireTranscript(t.header(), cs);
    }

    /** The stored transcript, or, when re-recording, a fresh one (made once per run). */
    static synchronized WireTranscript transcript(TranscriptScenario scenario) {
        return RECORDED.computeIfAbsent(scenario.name(), n -> updating() ? rerecord(scenario) : stored(scenario));
    }

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    private static WireTranscript stored(TranscriptScenario scenario) {
        String text = resource(scenario.name() + ".hex");
        if (text == null) {
            fail("no recorded transcript %s.hex under %s: record it with -D%s=true (see WireTranscriptTest)",
                    scenario.name(), RESOURCES, UPDATE_PROPERTY);
        }
        return WireTranscript.parse(text);
    }

    private static TranscriptCredentials credentials() {
        String text = resource("credentials.txt");
        if (text != null) {
            return TranscriptCredentials.parse(text);
        }
        if (!updating()) {
            throw new IllegalStateException("no " + RESOURCES + "/credentials.txt: record the transcripts with -D"
                    + UPDATE_PROPERTY + "=true");
        }
        TranscriptCredentials made = TranscriptCredentials.generate();
        write("credentials.txt", made.format());
        return made;
    }

    /** A file as it is in src/test/resources when re-recording (the newest), else from the class path. */
    private static String resource(String name) {
        try {
            if (updating()) {
                Path p = sourceDirectory().resolve(name);
                return Files.exists(p) ? Files.readString(p, StandardCharsets.US_ASCII) : null;
            }
            try (InputStream in = WireTranscriptTest.class.getResourceAsStream("/transcripts/" + name)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, String text) {
        if (!updating()) {
            throw new IllegalStateException("transcripts are written only with -D" + UPDATE_PROPERTY + "=true");
        }
        try {
            Files.createDirectories(sourceDirectory());
            Files.writeString(sourceDirectory().resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourceDirectory() {
        return Path.of(System.getProperty("basedir", "."), RESOURCES);
    }
}
