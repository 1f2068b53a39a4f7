package dev.jtls.interop;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One section of {@code interop-tests/RESULTS.md}: the cells of one test class (rows: peer × role ×
 * suite × group), its other checks and notes. Each class writes only its own section, between
 * {@code <!-- BEGIN section id -->} and {@code <!-- END section id -->} markers, and keeps every
 * other section already in the file, so the classes neither overwrite each other nor depend on
 * the order (or the JVM) they run in. Sections are kept sorted by id; the header is rewritten.
 * A cell is "ok", "FAIL: why", or "refused: the peer's own words"; a cell that was not run says so.
 */
final class Matrix {
    static final List<String> COLUMNS = List.of("full", "resumed-id", "resumed-ticket", "client-auth", "data", "close");
    private static final Pattern SECTION = Pattern.compile(
            "<!-- BEGIN section (\\S+) -->\n(.*?)<!-- END section \\1 -->\n", Pattern.DOTALL);
    private static final Object FILE_LOCK = new Object();

    /** One row: peer × role × suite × group. */
    record Row(String peer, String role, String suite, String group) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            return key().compareTo(o.key());
        }

        private String key() {
            return peer + "\u0000" + role + "\u0000" + suiteOrder(suite) + "\u0000" + groupOrder(group);
        }
    }

    private final String id;
    private final String title;
    private final String intro;
    /** When the first result was recorded: classes are loaded (and this made) long before they run. */
    private Instant started;
    private final Map<Row, Map<String, String>> cells = new TreeMap<>();
    private final Map<String, String> features = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param id    the section's marker and sort key (e.g. "1-openssl-jtls-server")
     * @param title the section's heading
     * @param intro what an "ok" in this section was checked against, on both sides
     */
    Matrix(String id, String title, String intro) {
        this.id = id;
        this.title = title;
        this.intro = intro;
    }

    synchronized void cell(Row row, String column, String status) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException(column);
        }
        begin();
        cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, status);
    }

    /** A check outside the suite × group grid (ALPN, SNI, key log, large transfers). */
    synchronized void feature(String name, String status) {
        begin();
        features.put(name, status);
    }

    /** Marks the start of this section's run (done by the first result if not called). */
    synchronized void begin() {
        if (started == null) {
            started = Instant.now();
        }
    }

    synchronized void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    /** Runs {@code check}, records it under "Other checks" as ok or as its failure, and rethrows a failure. */
    void checked(String name, Cells.Check check) throws Exception {
        begin();
        try {
            check.run();
            feature(name, "ok");
        } catch (Exception | AssertionError e) {
            feature(name, "FAIL: " + firstLine(e.getMessage()));
            throw e;
        }
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    synchronized String render() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append("\n\n");
        begin();
        md.append("Run ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Duration.between(started, Instant.now()).toSeconds()).append(" s. ").append(intro).append("\n\n");
        if (!cells.isEmpty()) {
            int ok = 0;
            int refused = 0;
            int total = 0;
            md.append("| peer | role | suite | group | ").append(String.join(" | ", COLUMNS)).append(" |\n");
            md.append("|---|---|---|---|").append("---|".repeat(COLUMNS.size())).append('\n');
            for (Map.Entry<Row, Map<String, String>> e : cells.entrySet()) {
                Row r = e.getKey();
                md.append("| ").append(r.peer()).append(" | ").append(r.role()).append(" | ").append(r.suite())
                        .append(" | ").append(r.group());
                for (String c : COLUMNS) {
                    String v = e.getValue().getOrDefault(c, "not run");
                    total++;
                    if (v.equals("ok")) {
                        ok++;
                    } else if (v.startsWith("refused: ")) {
                        refused++;
                    }
                    md.append(" | ").append(escape(v));
                }
                md.append(" |\n");
            }
            md.append("\n").append(cells.size()).append(" rows, ").append(total).append(" cells: ").append(ok)
                    .append(" ok, ").append(refused).append(" refused by the peer, ").append(total - ok - refused)
                    .append(" failed or not run.\n");
        }
        if (!features.isEmpty()) {
            md.append("\n| other check | result |\n|---|---|\n");
            for (Map.Entry<String, String> f : features.entrySet()) {
                md.append("| ").append(escape(f.getKey())).append(" | ").append(escape(f.getValue())).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            for (String n : notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        return md.append('\n').toString();
    }

    /**
     * Replaces this section in the results file (keeping the others), under a lock that also holds
     * across JVMs: {@code target/RESULTS.md} on a test run, the committed {@code RESULTS.md} only when
     * {@code refresh-results.sh} asks for it.
     */
    void write() {
        Path out = Path.of(System.getProperty("interop.results", "target/RESULTS.md")).toAbsolutePath();
        Path lockFile = Peer.workDir().resolve("RESULTS.md.lock");
        synchronized (FILE_LOCK) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    Map<String, String> sections = new TreeMap<>();
                    if (Files.exists(out)) {
                        Matcher m = SECTION.matcher(Files.readString(out, StandardCharsets.UTF_8));
                        while (m.find()) {
                            sections.put(m.group(1), m.group(2));
                        }
                    }
                    sections.put(id, render());
                    StringBuilder md = new StringBuilder(header());
                    for (Map.Entry<String, String> s : sections.entrySet()) {
                        md.append("<!-- BEGIN section ").append(s.getKey()).append(" -->\n").append(s.getValue())
                                .append("<!-- END section ").append(s.getKey()).append(" -->\n");
                    }
                    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + out, e);
            }
        }
    }

    private static String header() {
        return "# Interop results\n\n"
                + "Written by the `interop-tests` module: every test run (`./test`, or `mvn -pl interop-tests -am verify`) "
                + "writes `interop-tests/target/RESULTS.md`; this committed copy is refreshed only by "
                + "`interop-tests/refresh-results.sh`. Do not edit by hand. Each test class rewrites only its own "
                + "section below (with the time it ran); a section from a class that did not run this time stays as "
                + "it was.\n\n"
                + "- Peers: " + PeerPrograms.versionOrMissing(OpenSsl::version) + "; "
                + PeerPrograms.versionOrMissing(GnuTls::version) + "; " + PeerPrograms.versionOrMissing(Curl::version) + "\n"
                + "- Java: " + System.getProperty("java.version") + "\n\n"
                + "Role `jtls-client` is jtls as client against the peer's server; `jtls-server` is the peer's client "
                + "against a jtls server. Every peer is a real process started and stopped (by its process id) by the "
                + "test; every connection goes to 127.0.0.1 on a port chosen free at run time (the servers listen on "
                + "127.0.0.1, except gnutls-serv, which has no address option and binds the wildcard address). Each `ok` was checked on both sides, jtls's negotiated facts and the "
                + "peer's printed view (what exactly is said per section):\n\n"
                + "- **full**: a full handshake; both sides agree on suite, group, extended master secret, secure "
                + "renegotiation, and (where the peer can print it) the master secret equals jtls's key log line.\n"
                + "- **resumed-id** / **resumed-ticket**: an abbreviated handshake by session id (tickets off) / by "
                + "RFC 5077 ticket (session cache off), seen as resumed by both.\n"
                + "- **client-auth**: the server requires a certificate; with one, the server sees the client's "
                + "certificate; without, the handshake ends with an alert seen by both.\n"
                + "- **data**: pseudo-random bytes each way (1 MiB per row unless `-Dinterop.rowDataKiB`), SHA-256 "
                + "equal at both ends; the 64 MiB transfer is done once per peer × role (\"other check\").\n"
                + "- **close**: close_notify in both directions (a bare TCP close would make jtls throw).\n\n"
                + "A `refused:` cell quotes the peer's own refusal: a combination the peer cannot do.\n\n";
    }

    private static String escape(String s) {
        String one = s.replace('\n', ' ').replace("|", "\\|");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static String suiteOrder(String suite) {
        try {
            return String.format("%03d", dev.jtls.suite.CipherSuite.valueOf(suite).ordinal());
        } catch (IllegalArgumentException e) {
            return suite;
        }
    }

    private static String groupOrder(String group) {
        try {
            return String.valueOf(dev.jtls.crypto.NamedGroup.valueOf(group.toUpperCase(java.util.Locale.ROOT)).ordinal());
        } catch (IllegalArgumentException e) {
            return group;
        }
    }
}
