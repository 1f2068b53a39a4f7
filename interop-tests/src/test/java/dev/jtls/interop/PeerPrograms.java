package dev.jtls.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the peer programs are and which Debian package brings each. A peer that is not installed
 * is a failure that says what to install, never a cell or check that passes, or is "refused",
 * because nothing could run: {@link Peer#start} asks here before it starts anything.
 */
final class PeerPrograms {
    /** Program name → the Debian/Ubuntu package that installs it (the list {@code ./test} installs from). */
    private static final Map<String, String> PACKAGES = Map.of(
            "openssl", "openssl",
            "gnutls-cli", "gnutls-bin",
            "gnutls-serv", "gnutls-bin",
            "curl", "curl",
            "stdbuf", "coreutils");

    private PeerPrograms() {
    }

    /** A peer program that is not on the PATH (or not executable where it was configured). */
    static final class Missing extends AssertionError {
        private static final long serialVersionUID = 1L;

        Missing(String program) {
            super(message(program));
        }

        private static String message(String program) {
            String name = Path.of(program).getFileName().toString();
            String pkg = PACKAGES.get(name);
            return name + " not found" + (program.contains(File.separator) ? " at " + program : " on the PATH")
                    + (pkg == null ? "" : ": install " + pkg + " (sudo apt-get install " + pkg
                    + ", or run ./test at the repository's root, which installs the peers)");
        }
    }

    /**
     * Fails with {@link Missing} unless every program {@code command} runs can be found: its first
     * word, and for a {@code stdbuf} wrapper the command it wraps.
     */
    static void require(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        requireProgram(command.get(0));
        if (Path.of(command.get(0)).getFileName().toString().equals("stdbuf")) {
            command.stream().skip(1).filter(a -> !a.startsWith("-")).findFirst().ifPresent(PeerPrograms::requireProgram);
        }
    }

    /** Fails with {@link Missing} unless {@code program} is an executable file (a path, or a name on the PATH). */
    static Path requireProgram(String program) {
        return find(program).orElseThrow(() -> new Missing(program));
    }

    /** The executable {@code program} names, if any: itself when it is a path, else the first match on the PATH. */
    static Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The first line of {@code version}'s result, or "NAME: not installed" (for the results' header). */
    static String versionOrMissing(java.util.function.Supplier<String> version) {
        try {
            return version.get();
        } catch (Missing e) {
            return e.getMessage();
        }
    }
}
