package dev.jtls.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accept loop of {@code jtls server}: each accepted connection goes to a worker of a bounded
 * pool at once, so one slow or idle client never delays the next. With every worker busy the new
 * connection is refused (closed, and said so in the log) instead of waiting: the loop itself never
 * blocks on anything but accept.
 */
final class Acceptor {
    /** Makes the work for the {@code n}th accepted connection. */
    interface Connections {
        Runnable serve(int n, Socket accepted);
    }

    private final ServerSocket listener;
    private final int maxConnections;
    private final PrintStream out;

    Acceptor(ServerSocket listener, int maxConnections, PrintStream out) {
        this.listener = listener;
        this.maxConnections = maxConnections;
        this.out = out;
    }

    /** Accepts {@code count} connections (0: until the listener is closed), then waits for the last to end. */
    void run(int count, Connections connections) throws InterruptedException {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "jtls-server-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true); // an idle server keeps no threads
        Semaphore slots = new Semaphore(maxConnections);
        try {
            for (int n = 1; count == 0 || n <= count; ) {
                Socket s;
                try {
                    s = listener.accept();
                } catch (IOException e) {
                    if (listener.isClosed()) {
                        return;
                    }
                    out.println("jtls server: accept failed: " + DemoCommand.describe(e));
                    Thread.sleep(100); // e.g. out of file descriptors: do not spin
                    continue;
                }
                int id = n++;
                if (!slots.tryAcquire()) {
                    out.println("connection " + id + " from " + ServedConnection.peer(s) + ": refused: all "
                            + maxConnections + " workers are busy (--max-connections " + maxConnections + ")");
                    closeQuietly(s);
                    continue;
                }
                Runnable work = connections.serve(id, s);
                workers.execute(() -> {
                    try {
                        work.run();
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            workers.shutdown();
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // refused anyway
        }
    }
}
