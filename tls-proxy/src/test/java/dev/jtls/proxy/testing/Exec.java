package dev.jtls.proxy.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a peer program (curl, openssl) to its end with a deadline; a missing program fails the test. */
public final class Exec {
    public record Result(int exit, String out, String err) {
    }

    private Exec() {
    }

    public static Result run(Duration timeout, byte[] stdin, List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed by this test and cannot be run (" + e.getMessage()
                    + "); install it (Debian: apt-get install " + command.get(0) + ")", e);
        }
        try {
            p.getOutputStream().write(stdin);
            p.getOutputStream().close();
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
