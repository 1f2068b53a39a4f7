package dev.jtls.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.pki.ChainProblem;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.AlertReceived;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.Reason;
import dev.jtls.record.RecordProblem;
import dev.jtls.record.TlsAlertException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole reason → alert table, frozen in {@code src/test/resources/reasons/alerts.txt}: a change
 * to any pair fails here and shows in review. To change the table on purpose, run this test with
 * {@code -Djtls.reasons.update=true}, which rewrites the file, and commit it.
 */
class ReasonAlertTableTest {
    private static final String RESOURCE = "/reasons/alerts.txt";
    private static final Path SOURCE = Paths.get("src/test/resources/reasons/alerts.txt");

    /** Every reason enum of jtls; {@link #noReasonEnumIsMissing} proves the list complete. */
    private static final List<Class<? extends Enum<?>>> REASONS = List.of(InvalidMessage.class, RecordProblem.class,
            PeerMisbehaved.class, PeerIncompatible.class, LocalProblem.class, ChainProblem.class);

    private static String table() {
        StringBuilder sb = new StringBuilder();
        for (Class<? extends Enum<?>> type : REASONS) {
            for (Enum<?> constant : type.getEnumConstants()) {
                Reason r = (Reason) constant;
                sb.append(type.getSimpleName()).append('.').append(r.name()).append(' ')
                        .append(r.alert().rfcName()).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void theTableIsTheSnapshot() throws IOException {
        String actual = table();
        if (Boolean.getBoolean("jtls.reasons.update")) {
            Files.createDirectories(SOURCE.getParent());
            Files.writeString(SOURCE, actual, StandardCharsets.UTF_8);
        }
        String expected;
        try (InputStream in = ReasonAlertTableTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " on the test class path").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("jtls.reasons.update")) {
            expected = actual;
        }
        assertThat(actual).as("reason -> alert table; if the change is intended, rerun with -Djtls.reasons.update=true"
                + " and commit " + SOURCE).isEqualTo(expected);
    }

    @Test
    void everyReasonHasAnAlertAKindAndAMessage() {
        for (Class<? extends Enum<?>> type : REASONS) {
            for (Enum<?> constant : type.getEnumConstants()) {
                Reason r = (Reason) constant;
                AlertDescription alert = r.alert();
                assertThat(alert).as(r.name()).isNotNull().isNotIn(AlertDescription.UNKNOWN, AlertDescription.CLOSE_NOTIFY,
                        AlertDescription.USER_CANCELED, AlertDescription.NO_RENEGOTIATION);
                assertThat(alert.code()).as("%s is sent on the wire", r.name()).isBetween(1, 255);
                assertThat(r.kind()).as(r.name()).isNotBlank();
                TlsAlertException e = new TlsAlertException(r, "detail");
                assertThat(e.getMessage()).isEqualTo(r.kind() + ": detail");
                assertThat(e.description()).isSameAs(alert);
                assertThat(e.reason()).isSameAs(r);
            }
        }
    }

    @Test
    void kindsAreDistinctPerEnum() {
        TreeSet<String> kinds = new TreeSet<>();
        for (Class<? extends Enum<?>> type : REASONS) {
            assertThat(kinds.add(((Reason) type.getEnumConstants()[0]).kind())).as(type.getSimpleName()).isTrue();
        }
        assertThat(kinds).doesNotContain(new AlertReceived(AlertDescription.HANDSHAKE_FAILURE).kind());
    }

    @Test
    void aReceivedAlertIsThePeersOwn() {
        for (AlertDescription d : AlertDescription.values()) {
            assertThat(new AlertReceived(d).alert()).isSameAs(d);
        }
    }

    /** Finds every enum implementing {@link Reason} in the jtls modules' classes, dir or jar. */
    @Test
    void noReasonEnumIsMissing() throws Exception {
        TreeSet<String> found = new TreeSet<>();
        for (Class<?> anchor : List.of(Reason.class, PeerMisbehaved.class)) {
            URI location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
            Path root = Paths.get(location);
            if (Files.isDirectory(root)) {
                collect(root, found);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
                    collect(jar.getPath("/"), found);
                }
            }
        }
        List<String> listed = new ArrayList<>();
        for (Class<?> type : REASONS) {
            listed.add(type.getName());
        }
        assertThat(found).as("reason enums in the main classes").containsExactlyInAnyOrderElementsOf(listed);
    }

    private static void collect(Path root, TreeSet<String> found) throws IOException, ClassNotFoundException {
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(p -> p.toString().endsWith(".class") && !p.toString().endsWith("module-info.class"))
                    .toList();
        }
        for (Path p : classes) {
            String name = root.relativize(p).toString().replace('\\', '/');
            name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            if (!name.startsWith("dev.jtls.")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, ReasonAlertTableTest.class.getClassLoader());
            if (c.isEnum() && Reason.class.isAssignableFrom(c)) {
                found.add(c.getName());
            }
        }
    }
}
