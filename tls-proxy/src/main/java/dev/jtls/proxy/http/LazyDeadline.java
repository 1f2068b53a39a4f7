package dev.jtls.proxy.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline that is moved on every request without touching the event loop's timer queue each time.
 * Keep-alive connections re-arm their clocks several times per request (request head, body, response,
 * idle); a schedule and a cancel each time cost a queue insertion and removal and a task object. Here
 * one task is pending at most: a deadline that moves later leaves it in place (when it fires early it
 * schedules itself again for the time left), one that moves earlier replaces it, and disarming only
 * forgets the deadline (the pending task then finds nothing to do). Netty's {@code IdleStateHandler}
 * times idleness the same way. Used on its executor's thread only.
 */
final class LazyDeadline implements Runnable {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    private boolean armed;
    private long deadline;
    private ScheduledFuture<?> task;
    private long taskAt;

    /** @param onExpiry run on {@code executor} when an armed deadline passes */
    LazyDeadline(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** From now, {@code nanos} until expiry (replacing any earlier deadline); 0 or less: disarmed. */
    void arm(long nanos) {
        if (nanos <= 0) {
            disarm();
            return;
        }
        armed = true;
        deadline = System.nanoTime() + nanos;
        if (task != null && taskAt - deadline <= 0) {
            return;
        }
        cancelTask();
        schedule(nanos);
    }

    /** No deadline until the next {@link #arm}; the pending task, if any, stays and will do nothing. */
    void disarm() {
        armed = false;
    }

    /** No deadline and no pending task (the connection is gone). */
    void stop() {
        armed = false;
        cancelTask();
    }

    boolean armed() {
        return armed;
    }

    @Override
    public void run() {
        task = null;
        if (!armed) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(left);
            return;
        }
        armed = false;
        onExpiry.run();
    }

    private void schedule(long nanos) {
        taskAt = System.nanoTime() + nanos;
        task = executor.schedule(this, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
