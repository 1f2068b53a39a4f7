package dev.jtls.interop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** How the tests run {@code curl} as an HTTPS client. */
final class Curl {
    static final String BIN = System.getProperty("interop.curl", "curl");
    private static String version;

    private Curl() {
    }

    static synchronized String version() {
        if (version == null) {
            try (Peer p = Peer.start("curl --version", List.of(BIN, "--version"))) {
                p.awaitExit(OpenSsl.START);
                version = p.stdoutText().lines().findFirst().orElse("curl: no version line").strip();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + BIN + ": " + e.getMessage(), e);
            }
        }
        return version;
    }

    /** Runs curl to its end with these arguments; returns the finished process. */
    static Peer run(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BIN));
        cmd.addAll(args);
        Peer p = Peer.start(name, cmd);
        p.feedStdin(new byte[0], true);
        p.awaitExit(OpenSsl.RUN);
        return p;
    }
}
