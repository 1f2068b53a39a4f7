package dev.jtls.proxy.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition instead of sleeping for a guessed time: returns as soon as it holds, fails with
 * what was awaited after a deadline generous enough for a loaded machine.
 */
public final class Await {

    /** Long enough for a busy CI machine; a condition that never holds fails after it. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private Await() {}

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
