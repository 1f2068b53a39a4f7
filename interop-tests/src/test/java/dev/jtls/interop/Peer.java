package dev.jtls.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer running as a process on this machine (openssl s_server / s_client): its standard output
 * and error are captured as bytes by two threads, its standard input can be fed from a third, and
 * it is stopped by its process id ({@link Process#destroy}, then {@code destroyForcibly}, its
 * descendants too) when closed. Every wait is bounded.
 */
final class Peer implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Process process;
    private final Capture stdout;
    private final Capture stderr;

    private Peer(String name, List<String> command, java.util.Map<String, String> env) throws IOException {
        this.name = name;
        this.command = List.copyOf(command);
        PeerPrograms.require(command);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir().toFile());
        pb.environment().putAll(env);
        this.process = pb.start();
        this.stdout = new Capture(process.getInputStream(), name + " stdout");
        this.stderr = new Capture(process.getErrorStream(), name + " stderr");
    }

    /**
     * Starts {@code command}; its working directory is the module's scratch directory. A program
     * that is not installed fails with {@link PeerPrograms.Missing}, naming the package to install.
     */
    static Peer start(String name, List<String> command) throws IOException {
        return new Peer(name, command, java.util.Map.of());
    }

    /** Starts {@code command} with {@code env} added to its environment (e.g. SSLKEYLOGFILE). */
    static Peer start(String name, List<String> command, java.util.Map<String, String> env) throws IOException {
        return new Peer(name, command, env);
    }

    /** Scratch space for PEM files, sessions and key logs: target/interop-work under Maven. */
    static Path workDir() {
        Path dir = Path.of(System.getProperty("interop.work", System.getProperty("java.io.tmpdir") + "/jtls-interop"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        return dir;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    byte[] stdoutBytes() {
        return stdout.bytes();
    }

    String stdoutText() {
        return stdout.text(0);
    }

    String stderrText() {
        return stderr.text(0);
    }

    int stdoutLength() {
        return stdout.length();
    }

    /** Waits until standard output matches {@code pattern}; returns the first group (or the whole match). */
    String awaitStdout(Pattern pattern, Duration timeout) {
        return await(pattern, timeout, 0, false);
    }

    /** Like {@link #awaitStdout}, on standard output from offset {@code from} on. */
    String awaitStdout(Pattern pattern, Duration timeout, int from) {
        return await(pattern, timeout, from, false);
    }

    /** Waits until standard error matches {@code pattern}; returns the first group (or the whole match). */
    String awaitStderr(Pattern pattern, Duration timeout) {
        return await(pattern, timeout, 0, true);
    }

    private String await(Pattern pattern, Duration timeout, int from, boolean err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Capture capture = err ? stderr : stdout;
        while (true) {
            int seen = capture.length();
            Matcher m = pattern.matcher(capture.text(from));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive() && capture.finished()) {
                throw new AssertionError(name + " exited before printing /" + pattern + "/: " + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print /" + pattern + "/ in " + timeout + ": " + describe());
            }
            capture.awaitMore(deadline, seen);
        }
    }

    /**
     * Waits until standard output contains {@code marker}; returns where it starts. For large
     * outputs: each wake-up searches only the bytes that arrived since the last one.
     */
    int awaitStdout(byte[] marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = 0;
        while (true) {
            int seen = stdout.length();
            int at = stdout.indexOf(marker, from);
            if (at >= 0) {
                return at;
            }
            from = Math.max(0, seen - marker.length + 1);
            if (!process.isAlive() && stdout.finished() && stdout.length() == seen) {
                throw new AssertionError(name + " exited before printing " + printable(marker) + ": " + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print " + printable(marker) + " in " + timeout + ": " + describe());
            }
            stdout.awaitMore(deadline, seen);
        }
    }

    private static String printable(byte[] marker) {
        return "'" + new String(marker, StandardCharsets.ISO_8859_1).replace("\n", "\\n") + "'";
    }

    /** Waits until standard output holds at least {@code length} bytes. */
    void awaitStdoutLength(int length, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = stdout.length(); seen < length; seen = stdout.length()) {
            if (!process.isAlive() && stdout.finished()) {
                throw new AssertionError(name + " exited with " + stdout.length() + " of " + length
                        + " bytes on stdout: " + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed " + stdout.length() + " of " + length + " bytes in "
                        + timeout + ": " + describe());
            }
            stdout.awaitMore(deadline, seen);
        }
    }

    private Thread feeder;

    /** Waits for what {@link #feedStdin} was given to be written, then closes standard input (EOF for the peer). */
    void closeStdin() {
        try {
            if (feeder != null) {
                feeder.join(RUN_MILLIS);
            }
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long RUN_MILLIS = 120_000;

    /** Writes {@code data} to standard input from a background thread, then closes it if asked. */
    synchronized void feedStdin(byte[] data, boolean closeAfter) {
        Thread previous = feeder;
        Thread t = new Thread(() -> {
            if (previous != null) {
                try {
                    previous.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            OutputStream in = process.getOutputStream();
            try {
                in.write(data);
                in.flush();
                if (closeAfter) {
                    in.close();
                }
            } catch (IOException e) {
                // The peer exited before reading everything; its output says why.
            }
        }, name + " stdin");
        t.setDaemon(true);
        feeder = t;
        t.start();
    }

    /** Waits for the process to exit on its own; returns its exit code. Stops it and fails on timeout. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError(name + " did not exit in " + timeout + ": " + describe());
            }
            stdout.join();
            stderr.join();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
    }

    /** The command and the tail of its output, for failure messages. */
    String describe() {
        return "[pid " + process.pid() + "] " + String.join(" ", command) + "\n--- stdout (tail) ---\n"
                + tail(stdoutText()) + "\n--- stderr (tail) ---\n" + tail(stderrText());
    }

    private static String tail(String s) {
        String printable = s.replaceAll("[^\\x09\\x0a\\x0d\\x20-\\x7e]", ".");
        return printable.length() <= 3000 ? printable : "..." + printable.substring(printable.length() - 3000);
    }

    /** Stops the process by its id: a polite destroy, then a forced one; children first. */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = new ArrayList<>();
        handle.descendants().forEach(children::add);
        for (ProcessHandle c : children) {
            c.destroy();
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                for (ProcessHandle c : children) {
                    c.destroyForcibly();
                }
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            stdout.join();
            stderr.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drains one stream of the process into memory. Waiters are woken per read, so a scan for a
     * marker looks only at bytes it has not seen (a peer that prints 64 MiB in tiny writes would
     * otherwise have its whole output copied and searched again on every wake-up).
     */
    private static final class Capture {
        private static final int SMALL_READ = 4096;
        private byte[] buffer = new byte[64 * 1024];
        private int length;
        private final Thread thread;
        private boolean finished;

        Capture(InputStream in, String name) {
            thread = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try (in) {
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        append(chunk, n);
                        if (n < SMALL_READ) {
                            // gnutls-cli prints what it receives with one write(2) per byte (its stdout
                            // is unbuffered, which stdbuf cannot change). A reader blocked in read() is
                            // woken for each byte, and the wake-ups cost more than the writes; resting
                            // 1 ms lets the pipe (64 KiB) collect a batch. Measured: 2 MiB written a byte
                            // at a time reach a reader in 3.6 s without the rest, 1.4 s with it.
                            Thread.sleep(1);
                        }
                    }
                } catch (IOException e) {
                    // The process is gone; what was read stays.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (this) {
                    finished = true;
                    notifyAll();
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void append(byte[] chunk, int n) {
            if (length + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
            }
            System.arraycopy(chunk, 0, buffer, length, n);
            length += n;
            notifyAll();
        }

        synchronized byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        /** The bytes from {@code from} on, one char per byte. */
        synchronized String text(int from) {
            int start = Math.min(from, length);
            return new String(buffer, start, length - start, StandardCharsets.ISO_8859_1);
        }

        synchronized int length() {
            return length;
        }

        /** Where {@code needle} first starts at or after {@code from}, or -1; searched in place. */
        synchronized int indexOf(byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buffer[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        synchronized boolean finished() {
            return finished;
        }

        /** Waits for more bytes, the end of the stream, or the deadline (at most 50 ms). */
        synchronized void awaitMore(long deadlineNanos, int seenLength) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left > 0 && !finished && length == seenLength) {
                try {
                    wait(Math.min(left, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void join() throws InterruptedException {
            thread.join(5000);
        }
    }
}
