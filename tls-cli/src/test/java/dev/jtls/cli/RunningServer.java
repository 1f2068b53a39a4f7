package dev.jtls.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** A {@code jtls server} run in this JVM on a free port, its log captured; for tests. */
final class RunningServer {
    final int port;
    final CompletableFuture<Integer> exit;
    private final ByteArrayOutputStream log;

    private RunningServer(int port, CompletableFuture<Integer> exit, ByteArrayOutputStream log) {
        this.port = port;
        this.exit = exit;
        this.log = log;
    }

    /** PEM files of a throwaway PKI under {@code dir}: the server's chain and key, and the CA. */
    record PemFiles(Path chain, Path key, Path ca) {
        static PemFiles write(Path dir, DemoCertificates pki, String prefix) throws Exception {
            Path chain = dir.resolve(prefix + "chain.pem");
            Path key = dir.resolve(prefix + "key.pem");
            Path ca = dir.resolve(prefix + "ca.pem");
            Files.writeString(chain, Pem.encode("CERTIFICATE", pki.server.leaf().getEncoded())
                    + Pem.encode("CERTIFICATE", pki.ca.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(key, Pem.encode("PRIVATE KEY", pki.server.privateKey().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(ca, Pem.encode("CERTIFICATE", pki.ca.getEncoded()), StandardCharsets.US_ASCII);
            return new PemFiles(chain, key, ca);
        }
    }

    /** Starts the server with {@code args} and --port 0; returns once it listens. */
    static RunningServer start(String... args) throws Exception {
        ServerCommand server = new ServerCommand();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        server.out = new PrintStream(log, true, StandardCharsets.UTF_8);
        server.err = server.out;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        server.onListening = port::complete;
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> new CommandLine(server).execute(all.toArray(new String[0])));
        exit.whenComplete((code, e) -> port.completeExceptionally(new AssertionError("the server ended (" + code
                + ") before listening:\n" + log.toString(StandardCharsets.UTF_8))));
        return new RunningServer(port.get(20, TimeUnit.SECONDS), exit, log);
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Waits (bounded) until the log has a line for connection {@code n}; returns it. */
    String awaitLine(int n, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            for (String l : log().lines().toList()) {
                if (l.startsWith("connection " + n + " from ")) {
                    return l;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line for connection " + n + " within " + within + ":\n" + log());
    }

    int awaitExit() throws Exception {
        return exit.get(30, TimeUnit.SECONDS);
    }
}
