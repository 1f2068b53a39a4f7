package dev.jtls.cli;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A limit on the whole of a phase (the handshake), not on each read: a socket read timeout alone
 * lets a peer that sends one byte every few seconds hold a connection for ever. When the time is
 * up the socket is closed, which ends any blocked read; {@link #expired()} then tells why.
 */
final class Deadline {
    private final ScheduledFuture<?> task;
    private final AtomicBoolean expired;

    private Deadline(ScheduledFuture<?> task, AtomicBoolean expired) {
        this.task = task;
        this.expired = expired;
    }

    static Deadline start(ScheduledExecutorService timer, Socket socket, Duration limit) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> task = timer.schedule(() -> {
            expired.set(true);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is wanted; a socket that fails to close is closed enough
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        return new Deadline(task, expired);
    }

    /** The phase ended in time (or not): the socket is no longer closed at the deadline. */
    void cancel() {
        task.cancel(false);
    }

    boolean expired() {
        return expired.get();
    }

    /** A single daemon thread for the deadlines of many connections. */
    static java.util.concurrent.ScheduledThreadPoolExecutor timer(String name) {
        java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
