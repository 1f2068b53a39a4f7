package dev.jtls.proxy.log;

import dev.jtls.proxy.config.AccessLogConfig;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log: one line per request ({@link AccessLogFormat}) to stdout or a file.
 *
 * <p>Why a bounded queue and a writer thread rather than writes from the event loop (even buffered
 * ones): a write to a file or a pipe is a blocking system call, and stdout in a container is often a
 * pipe to a logging agent that stalls; a stalled flush on an event loop would stall every connection
 * on it. Here an event loop only offers the entry (a record, formatted later) to a bounded queue
 * ({@value #DEFAULT_CAPACITY} entries by default); if the writer has fallen that far behind, the
 * entry is dropped and counted ({@link #dropped()}, exported as a metric) instead of waiting. The
 * writer thread formats, writes through a buffer and flushes whenever the queue runs empty, so a
 * quiet proxy's log is current within milliseconds. Thread-safe.
 */
public final class AccessLog implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 8192;
    /** How long {@link #close()} waits for the writer to empty the queue. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private static final AccessLog OFF = new AccessLog();

    private final BlockingQueue<AccessLogEntry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Writer out;
    private final boolean closeOut;
    private final Thread writer;
    /** Lines handed to the buffer since the last successful flush (writer thread only). */
    private int unflushed;
    private volatile boolean closed;

    private AccessLog() {
        queue = null;
        out = null;
        closeOut = false;
        writer = null;
    }

    /**
     * A log writing to {@code out}.
     *
     * @param closeOut whether {@link #close()} closes {@code out} (not for stdout)
     * @param capacity entries that may wait for the writer before new ones are dropped
     */
    public AccessLog(Writer out, boolean closeOut, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("access log capacity must be at least 1, got " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = out;
        this.closeOut = closeOut;
        this.writer = new Thread(this::drain, "jtls-proxy-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the log {@code config} asks for: OFF (a log that ignores everything), STDOUT, or FILE
     * (appended to, created if missing).
     *
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static AccessLog open(AccessLogConfig config) {
        if (config == null || config.target() == AccessLogConfig.Target.OFF) {
            return OFF;
        }
        if (config.target() == AccessLogConfig.Target.STDOUT) {
            // Our own stream over fd 1, not System.out: System.out's lock is shared with whatever else
            // prints, and closing this one must not close stdout.
            return new AccessLog(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                    false, DEFAULT_CAPACITY);
        }
        try {
            Writer w = Files.newBufferedWriter(config.path(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new AccessLog(w, true, DEFAULT_CAPACITY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the access log " + config.path() + ": " + e.getMessage(), e);
        }
    }

    /** False for the OFF log. */
    public boolean enabled() {
        return queue != null;
    }

    /** Queues one line; never blocks: when the queue is full the entry is dropped and counted. */
    public void log(AccessLogEntry entry) {
        if (queue == null || closed) {
            return;
        }
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Entries dropped because the writer was behind (or failing). */
    public long dropped() {
        return dropped.get();
    }

    /** Lines written (and flushed) so far. */
    public long written() {
        return written.get();
    }

    private void drain() {
        List<AccessLogEntry> batch = new ArrayList<>();
        Writer w = out instanceof BufferedWriter ? out : new BufferedWriter(out, 16 * 1024);
        boolean failing = false;
        while (true) {
            try {
                AccessLogEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
            } catch (InterruptedException e) {
                break;
            }
            if (!failing) {
                failing = !write(w, batch);
            } else {
                dropped.addAndGet(batch.size());
            }
            batch.clear();
        }
        try {
            if (!failing) {
                w.flush();
                written.addAndGet(unflushed);
                unflushed = 0;
            }
        } catch (IOException e) {
            dropped.addAndGet(unflushed);
            System.err.println("jtls proxy: access log flush at close failed: " + e.getMessage());
        }
        try {
            if (closeOut) {
                w.close();
            }
        } catch (IOException e) {
            System.err.println("jtls proxy: access log close failed: " + e.getMessage());
        }
    }

    /**
     * Writes a batch, flushing when the queue has run empty (a line counts as written once flushed);
     * false once writing has failed (a broken file or pipe): the lines not flushed and every later
     * entry are counted as dropped, never thrown into the proxy and never retried in a tight loop.
     */
    private boolean write(Writer w, List<AccessLogEntry> batch) {
        int done = 0;
        try {
            for (AccessLogEntry e : batch) {
                w.write(AccessLogFormat.format(e));
                w.write('\n');
                done++;
                unflushed++;
            }
            if (queue.isEmpty()) {
                w.flush();
                written.addAndGet(unflushed);
                unflushed = 0;
            }
            return true;
        } catch (IOException e) {
            dropped.addAndGet(unflushed + batch.size() - done);
            unflushed = 0;
            System.err.println("jtls proxy: access log write failed, dropping entries from now on: " + e.getMessage());
            return false;
        }
    }

    /** Stops taking entries, writes what is queued (waiting up to 2 s) and closes the file. */
    @Override
    public void close() {
        if (writer == null || closed) {
            return;
        }
        closed = true;
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
