package dev.jtls.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of {@link LoopbackBench}: servers ({@link LoopbackServer} in a JVM of its own, or
 * {@code openssl s_server}) and {@code openssl s_time} runs. Each is started here on 127.0.0.1 with
 * a port chosen free at run time, its output going to files in the benchmark's temporary folder,
 * and stopped by its process id (the {@link Process} handle) when done. CPU time of a running process
 * is read from outside ({@link ProcessHandle.Info#totalCpuDuration()}: user + system time from
 * /proc/PID/stat on Linux, in clock ticks); s_time's own CPU time is its user + system time as the
 * shell that ran it reports it ({@code times}), since it has exited by the time it is read.
 */
final class LoopbackPeers {
    /** The OpenSSL name of {@link LoopbackServer#SUITE}. */
    static final String OPENSSL_SUITE = "ECDHE-RSA-AES128-GCM-SHA256";
    private static final Pattern LISTENING = Pattern.compile("listening (\\d+)");
    private static final Pattern S_TIME = Pattern.compile(
            "(\\d+) connections in [\\d.]+s; [\\d.]+ connections/user sec, bytes read (\\d+)");
    private static final Pattern MARKS = Pattern.compile("^[*r]+$", Pattern.MULTILINE);
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private LoopbackPeers() {
    }

    /** What a {@link LoopbackServer} counted since the previous look. */
    record Stats(long full, long resumed, long wrong, long failed, long bytes) {
        static Stats parse(String line) {
            long[] v = new long[5];
            String[] names = {"full", "resumed", "wrong", "failed", "bytes"};
            for (int i = 0; i < names.length; i++) {
                Matcher m = Pattern.compile("\\b" + names[i] + "=(\\d+)").matcher(line);
                LoopbackClient.check(m.find(), "server stats without " + names[i] + ": " + line);
                v[i] = Long.parseLong(m.group(1));
            }
            return new Stats(v[0], v[1], v[2], v[3], v[4]);
        }
    }

    /** A server process started by the benchmark. */
    static final class Server implements AutoCloseable {
        final String name;
        final int port;
        private final Process process;
        private final boolean counts;
        private final Path err;

        /** Stops the process should this JVM end (Ctrl-C) before {@link #close()} does. */
        private final Thread onExit;

        private Server(String name, Process process, int port, boolean counts, Path err) {
            this.name = name;
            this.process = process;
            this.port = port;
            this.counts = counts;
            this.err = err;
            this.onExit = new Thread(process::destroyForcibly, "stop " + name);
            Runtime.getRuntime().addShutdownHook(onExit);
        }

        /** True for {@link LoopbackServer}, which counts and checks its handshakes ({@link #stats()}). */
        boolean counts() {
            return counts;
        }

        /** The server process's CPU time so far (user + system), in seconds. */
        double cpuSeconds() {
            LoopbackClient.check(process.isAlive(), name + " has exited: " + tail(err));
            Duration d = process.toHandle().info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
            return d.toNanos() / 1e9;
        }

        /** The counts since the previous call (a {@link LoopbackServer} only); then they restart from zero. */
        Stats stats() throws IOException {
            LoopbackClient.check(counts, name + " does not count its handshakes");
            return Stats.parse(LoopbackClient.of("jtls", port, false).text("/stats"));
        }

        @Override
        public void close() throws InterruptedException {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook stops it.
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@link LoopbackServer} ({@code impl} jtls or sunjsse) in a new JVM of this JVM's java and class path. */
    static Server jvm(String impl, LoopbackFiles files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        // SunJSSE before JDK 20 takes its groups only from here (read once per JVM): secp256r1 alone.
        cmd.add("-Djdk.tls.namedGroups=secp256r1");
        cmd.add(LoopbackServer.class.getName());
        cmd.add(impl);
        cmd.add("0");
        cmd.add(files.leaf.toString());
        cmd.add(files.key.toString());
        Path out = files.dir.resolve(impl + "-server.out");
        Path err = files.dir.resolve(impl + "-server.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                Matcher m = LISTENING.matcher(Files.readString(out));
                if (m.find()) {
                    return new Server((impl.equals("jtls") ? "jtls" : "SunJSSE") + " server (own JVM)", p, Integer.parseInt(m.group(1)), true, err);
                }
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(impl + " server did not start: " + tail(err));
                }
                Thread.sleep(50);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /**
     * {@code openssl s_server -WWW} (one connection after another, files from the temporary
     * folder) with the same suite, group (P-256), scheme (rsa_pkcs1_sha256) and no tickets.
     */
    static Server sServer(String openssl, LoopbackFiles files) throws IOException, InterruptedException {
        requireProgram(openssl);
        int port = freePort();
        Path err = files.dir.resolve("s_server.err");
        Process p = new ProcessBuilder(openssl, "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", files.leaf.toString(), "-key", files.key.toString(),
                "-tls1_2", "-cipher", OPENSSL_SUITE, "-groups", "P-256", "-sigalgs", "RSA+SHA256",
                "-no_ticket", "-WWW", "-quiet")
                .directory(files.dir.toFile())
                .redirectOutput(files.dir.resolve("s_server.out").toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return new Server("openssl s_server", p, port, false, err);
                } catch (IOException notYet) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("openssl s_server did not start: " + tail(err));
                    }
                    Thread.sleep(50);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /**
     * One run of {@code openssl s_time}: what it counted, and its wall and CPU time.
     *
     * @param connections the connections s_time made in its time
     * @param marks       its progress marks for them: '*' for a new session (with -new), 'r' for a resumed one
     * @param bytesRead   what it read in all (with -www: every reply, header included)
     */
    record STime(long connections, long marks, long bytesRead, double wallSeconds, double cpuSeconds, String output) {
    }

    static STime sTime(String openssl, LoopbackFiles files, int port, boolean reuse, int seconds, String page)
            throws IOException, InterruptedException {
        requireProgram(openssl);
        Path out = files.dir.resolve("s_time.out");
        Path times = files.dir.resolve("s_time.times");
        Files.deleteIfExists(times);
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "\"$@\"; s=$?; times > \"$0\"; exit $s", times.toString(),
                openssl, "s_time", "-connect", "127.0.0.1:" + port, reuse ? "-reuse" : "-new",
                "-time", Integer.toString(seconds), "-tls1_2", "-cipher", OPENSSL_SUITE,
                "-CAfile", files.ca.toString(), "-verify", "2"));
        if (page != null) {
            cmd.add("-www");
            cmd.add(page);
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("openssl s_time did not finish");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String text = Files.readString(out, StandardCharsets.ISO_8859_1);
            LoopbackClient.check(p.exitValue() == 0, "openssl s_time failed (" + p.exitValue() + "): " + tailOf(text));
            Matcher m = S_TIME.matcher(text);
            LoopbackClient.check(m.find(), "no counts in the output of openssl s_time: " + tailOf(text));
            char mark = reuse ? 'r' : '*';
            long marks = 0;
            Matcher mk = MARKS.matcher(text);
            while (mk.find()) {
                marks += mk.group().chars().filter(c -> c == mark).count();
            }
            Matcher t = TIMES.matcher(Files.readString(times));
            // `times` prints the shell's own user and system time, then its children's (s_time's).
            LoopbackClient.check(t.find() && t.find(), "no CPU times for openssl s_time");
            double cpu = Long.parseLong(t.group(1)) * 60 + Double.parseDouble(t.group(2))
                    + Long.parseLong(t.group(3)) * 60 + Double.parseDouble(t.group(4));
            return new STime(Long.parseLong(m.group(1)), marks, Long.parseLong(m.group(2)), wall, cpu, text);
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }

    /**
     * Fails, saying what to install, unless {@code program} (a path, or a name on the PATH) is an
     * executable file: a missing openssl is an error of the run, never a row left out.
     */
    static void requireProgram(String program) throws IOException {
        java.util.function.Predicate<Path> runnable = f -> Files.isRegularFile(f) && Files.isExecutable(f);
        boolean found = program.contains("/") ? runnable.test(Path.of(program))
                : java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(d -> !d.isEmpty()).anyMatch(d -> runnable.test(Path.of(d, program)));
        if (!found) {
            throw new IOException(program + " not found" + (program.contains("/") ? "" : " on the PATH")
                    + ": install openssl (sudo apt-get install openssl, or run ./test at the repository's root)");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            return tailOf(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    private static String tailOf(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
