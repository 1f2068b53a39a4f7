package dev.jtls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * One {@link SSLEngine} driven over a transport's blocking streams: the TLS half of an
 * {@link EngineSocket}, using only what the {@code SSLEngine} javadoc promises.
 *
 * <p>Locking. {@code readLock} guards the inbound side ({@link EngineInbound}: the transport's
 * input, {@code unwrap}); {@code writeLock} guards the outbound side (the transport's
 * output, {@code netOut}, {@code wrap}). A reader and a writer therefore run at the same time (the
 * javadoc allows concurrent {@code wrap} and {@code unwrap}). The only order ever taken is read then
 * write: a reader that must answer the peer (a handshake flight, an alert, a close_notify) takes the
 * write lock; a writer that needs the peer's data first releases its lock and only tries the read
 * lock, so the two never wait on each other. The initial handshake is run by one thread holding both,
 * after taking {@code handshakeLock}: other threads wait for it there, not on a direction's lock (a
 * reader that barged in after the handshake would otherwise keep a waiting writer out).
 */
final class EngineConnection {
    /** Where the connection is in its life; input and output shutdown are tracked apart. */
    enum Stage { FRESH, HANDSHAKING, OPEN, FAILED, CLOSED }

    /** Told when the engine reports a finished handshake; called under a lock, so it only takes note. */
    interface Listener {
        void handshakeFinished();
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** How long close() waits for a writer busy in the transport before it skips its close_notify. */
    private static final long CLOSE_WAIT_MILLIS = 1000;
    /** How long a writer that needs the peer's handshake data waits for a busy reader before retrying. */
    private static final long HELP_WAIT_MILLIS = 10;

    private final SSLEngine engine;
    private final OutputStream out;
    private final Runnable closeTransport;
    private final Listener listener;
    /** Taken (before the others) only to run the initial handshake, so waiters for it wait here. */
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicInteger finishedHandshakes = new AtomicInteger();

    // Inbound state, guarded by readLock.
    private final EngineInbound inbound;
    private boolean inboundDone;
    // Outbound state, guarded by writeLock.
    private ByteBuffer netOut;

    private volatile Stage stage = Stage.FRESH;
    private volatile SSLException failure;
    private volatile boolean inputShut;
    private volatile boolean outputShut;

    /**
     * @param consumed bytes already read from the transport (e.g. by an SNI sniffer), seen first
     * @param closeTransport closes the transport after a fatal error (RFC 5246 §7.2.2)
     */
    EngineConnection(SSLEngine engine, InputStream in, OutputStream out, byte[] consumed, Runnable closeTransport,
                     Listener listener) throws SSLException {
        this.engine = engine;
        this.out = out;
        this.closeTransport = closeTransport;
        this.listener = listener;
        this.inbound = new EngineInbound(engine, in, consumed);
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    Stage stage() {
        return stage;
    }

    /** Runs the initial handshake if it has not run yet; returns at once once it has. */
    void handshake() throws IOException {
        if (stage == Stage.OPEN) {
            return;
        }
        handshakeLock.lock();
        try {
            if (stage == Stage.OPEN) {
                return; // another thread ran it while this one waited
            }
            readLock.lock();
            try {
                writeLock.lock();
                try {
                    runInitialHandshake();
                } finally {
                    writeLock.unlock();
                }
            } finally {
                readLock.unlock();
            }
        } finally {
            handshakeLock.unlock();
        }
    }

    private void runInitialHandshake() throws IOException {
        checkUsable();
        if (stage == Stage.OPEN) {
            return;
        }
        int finishedBefore = finishedHandshakes.get();
        try {
            if (stage == Stage.FRESH) {
                engine.beginHandshake();
                stage = Stage.HANDSHAKING;
            }
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_TASK:
                        runTasks();
                        break;
                    case NEED_WRAP:
                        wrapAndSend(EMPTY);
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN:
                        out.flush();
                        SSLEngineResult r = unwrapRecord();
                        if (r == null) {
                            throw peerVanished();
                        }
                        if (r.getStatus() == Status.CLOSED) {
                            throw new SSLHandshakeException("the peer closed the connection during the handshake");
                        }
                        if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                            throw new SSLProtocolException("the engine's application buffer size is too small");
                        }
                        break;
                    default: // FINISHED, NOT_HANDSHAKING
                        out.flush();
                        stage = Stage.OPEN;
                        if (finishedHandshakes.get() == finishedBefore) {
                            // The engine did not report FINISHED in a result: the handshake is still over.
                            finishedHandshakes.incrementAndGet();
                            listener.handshakeFinished();
                        }
                        return;
                }
            }
        } catch (SSLException e) {
            throw fail(e);
        } catch (SocketTimeoutException e) {
            throw e; // nothing is lost: a later call goes on where this one waited
        } catch (IOException e) {
            // The transport broke mid-handshake: the engine is stuck half-way, so later calls must fail too.
            SSLHandshakeException broken = new SSLHandshakeException("the connection failed during the handshake: " + e);
            broken.initCause(e);
            fail(broken);
            throw e;
        }
    }

    /**
     * After the initial handshake: asks the engine for a new one and sends its first flight. An
     * engine that refuses (jtls allows no renegotiation) throws from beginHandshake; that refusal is
     * the caller's, and the connection stays usable.
     */
    void renegotiate() throws IOException {
        writeLock.lock();
        try {
            checkUsable();
            engine.beginHandshake();
        } finally {
            writeLock.unlock();
        }
        writeLock.lock();
        try {
            checkUsable();
            answerWhileNeeded();
            out.flush();
        } catch (SSLException e) {
            throw fail(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** InputStream.read semantics: blocks until at least one byte, -1 at the end of the stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        handshake();
        readLock.lock();
        try {
            while (true) {
                checkUsable();
                if (inbound.buffered() > 0) {
                    return inbound.drain(b, off, len);
                }
                if (inboundDone || inputShut) {
                    return -1;
                }
                SSLEngineResult r = unwrapRecord();
                if (r == null) {
                    endOfStream();
                } else if (r.getStatus() == Status.CLOSED) {
                    inboundDone = true;
                    answerIfNeeded(); // RFC 5246 §7.2.1: reply to close_notify with our own
                } else if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                    throw new SSLProtocolException("the engine's application buffer size is too small");
                } else {
                    answerIfNeeded();
                }
            }
        } catch (SSLException e) {
            throw fail(e);
        } finally {
            readLock.unlock();
        }
    }

    /** Decrypted bytes ready to read without blocking (0 while another thread is reading). */
    int available() {
        if (!readLock.tryLock()) {
            return 0;
        }
        try {
            return inbound.buffered();
        } finally {
            readLock.unlock();
        }
    }

    /** Encrypts and sends all of {@code b[off..off+len)}, one record per engine wrap. */
    void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            checkWritable();
            return;
        }
        handshake();
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        while (src.hasRemaining()) {
            boolean needsPeer;
            writeLock.lock();
            try {
                checkWritable();
                SSLEngineResult r = wrapAndSend(src);
                if (r.getStatus() == Status.CLOSED) {
                    throw new SocketException("the TLS connection is closed for writing");
                }
                answerWhileNeeded(); // tasks, and handshake records the engine wants sent before more data
                HandshakeStatus hs = engine.getHandshakeStatus();
                needsPeer = r.bytesConsumed() == 0 && (hs == HandshakeStatus.NEED_UNWRAP
                        || hs == HandshakeStatus.NEED_UNWRAP_AGAIN);
            } catch (SSLException e) {
                throw fail(e);
            } finally {
                writeLock.unlock();
            }
            if (needsPeer) {
                awaitPeerFlight();
            }
        }
        flush();
    }

    void flush() throws IOException {
        writeLock.lock();
        try {
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A handshake after the initial one needs the peer's flight before more data can be written:
     * read it here unless a reader is already at it (then let the reader, and look again shortly).
     */
    private void awaitPeerFlight() throws IOException {
        boolean locked;
        try {
            locked = readLock.tryLock(HELP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the peer's handshake");
        }
        if (!locked) {
            return;
        }
        try {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs != HandshakeStatus.NEED_UNWRAP && hs != HandshakeStatus.NEED_UNWRAP_AGAIN) {
                return;
            }
            if (inboundDone || inputShut) {
                // The peer's flight can no longer come: writing would wait forever.
                throw new SSLHandshakeException("the handshake needs the peer's records, but the input has ended");
            }
            SSLEngineResult r = unwrapRecord();
            if (r == null) {
                endOfStream();
            } else if (r.getStatus() == Status.CLOSED) {
                inboundDone = true;
                answerIfNeeded();
            } else if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                // Unread application data fills the buffer: the application's reader must drain it first.
                readLock.unlock();
                locked = false;
                sleepBriefly();
            } else {
                answerIfNeeded();
            }
        } catch (SSLException e) {
            throw fail(e);
        } finally {
            if (locked) {
                readLock.unlock();
            }
        }
    }

    private static void sleepBriefly() throws java.io.InterruptedIOException {
        try {
            Thread.sleep(HELP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the reader");
        }
    }

    /** Sends close_notify (once); later writes are refused. */
    void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            sendCloseNotify();
        } finally {
            writeLock.unlock();
        }
    }

    void shutdownInput() {
        inputShut = true;
    }

    boolean isOutputShut() {
        return outputShut;
    }

    boolean isInputShut() {
        return inputShut;
    }

    /**
     * Sends close_notify unless a writer is stuck in the transport for longer than a second or
     * another thread is in the initial handshake (then the caller's closing of the transport ends
     * them), and refuses all further I/O.
     */
    void close() {
        Stage s = stage;
        boolean handshakeElsewhere = handshakeLock.isLocked() && !handshakeLock.isHeldByCurrentThread();
        long wait = handshakeElsewhere ? 0 : CLOSE_WAIT_MILLIS;
        try {
            if ((s == Stage.OPEN || s == Stage.HANDSHAKING) && writeLock.tryLock(wait, TimeUnit.MILLISECONDS)) {
                try {
                    sendCloseNotify();
                } catch (IOException e) {
                    // The peer is gone; closing goes on.
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stage != Stage.FAILED) {
            stage = Stage.CLOSED;
        }
    }

    private void sendCloseNotify() throws IOException {
        if (outputShut) {
            return;
        }
        outputShut = true;
        if (stage == Stage.FRESH || stage == Stage.FAILED) {
            return;
        }
        engine.closeOutbound();
        for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
            SSLEngineResult r = wrapAndSend(EMPTY);
            if (r.bytesProduced() == 0 && r.getStatus() != Status.OK) {
                break;
            }
        }
        out.flush();
    }

    // ---- engine steps (callers hold the lock of the direction they use) ----

    /** Unwraps one record (see {@link EngineInbound#unwrap()}), noting a finished handshake. Caller holds readLock. */
    private SSLEngineResult unwrapRecord() throws IOException {
        SSLEngineResult r = inbound.unwrap();
        if (r != null && r.getStatus() != Status.BUFFER_OVERFLOW) {
            noteFinished(r);
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        }
        return r;
    }

    /** Wraps once from {@code src} (growing netOut as the engine asks) and sends it. Caller holds writeLock. */
    private SSLEngineResult wrapAndSend(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                int size = engine.getSession().getPacketBufferSize();
                if (netOut.capacity() >= size) {
                    throw new SSLProtocolException("the engine overflows its own packet buffer size (" + size + ")");
                }
                netOut = ByteBuffer.allocate(size);
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                out.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            }
            noteFinished(r);
            return r;
        }
    }

    /** Runs the handshake steps the engine asks for on the write side after an unwrap. Caller holds readLock. */
    private void answerIfNeeded() throws IOException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs != HandshakeStatus.NEED_WRAP && hs != HandshakeStatus.NEED_TASK) {
            return;
        }
        writeLock.lock();
        try {
            answerWhileNeeded();
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Caller holds writeLock. */
    private void answerWhileNeeded() throws IOException {
        for (HandshakeStatus hs = engine.getHandshakeStatus(); ; hs = engine.getHandshakeStatus()) {
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult r = wrapAndSend(EMPTY);
                if (r.getStatus() == Status.CLOSED && r.bytesProduced() == 0) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /**
     * Runs the engine's delegated tasks. A task may end the handshake, and the engine then reports
     * FINISHED in its next result; an empty wrap collects it now, so listeners do not wait for the
     * application's next read or write (which may never come).
     */
    private void runTasks() throws IOException {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && !engine.isOutboundDone()) {
            writeLock.lock();
            try {
                wrapAndSend(EMPTY);
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void noteFinished(SSLEngineResult r) {
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            finishedHandshakes.incrementAndGet();
            listener.handshakeFinished();
        }
    }

    /**
     * The transport ended. If we began the closure ourselves, the peer owes us nothing more; else
     * {@link SSLEngine#closeInbound()} decides, as its javadoc asks: an engine that detects a
     * truncation (no close_notify) throws, and that surfaces as the read's error.
     */
    private void endOfStream() throws SSLException {
        inboundDone = true;
        if (stage != Stage.OPEN) {
            throw peerVanished();
        }
        if (!outputShut) {
            engine.closeInbound();
        }
    }

    private SSLHandshakeException peerVanished() {
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // Expected: the handshake did not finish; the exception below says why.
        }
        return new SSLHandshakeException("the peer closed the connection during the handshake");
    }

    // ---- failure ----

    /**
     * A fatal error: remember it, send the engine's alert if a writer is not stuck, close the
     * transport (RFC 5246 §7.2.2: both parties close on a fatal alert), and return it to throw.
     */
    private SSLException fail(SSLException e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
            stage = Stage.FAILED;
        }
        try {
            engine.closeOutbound();
            if (writeLock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                        if (wrapAndSend(EMPTY).bytesProduced() == 0) {
                            break;
                        }
                    }
                    out.flush();
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | RuntimeException sendFailed) {
            e.addSuppressed(sendFailed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        closeTransport.run();
        return e;
    }

    private void checkUsable() throws IOException {
        SSLException f = failure;
        if (f != null) {
            throw again(f);
        }
        if (stage == Stage.CLOSED) {
            throw new SocketException("Socket is closed");
        }
    }

    private void checkWritable() throws IOException {
        checkUsable();
        if (outputShut) {
            throw new SocketException("Socket output is shutdown");
        }
    }

    /** The earlier failure, for a later call: same kind, same message, the original as the cause. */
    private static SSLException again(SSLException f) {
        String message = "the connection failed earlier: " + f.getMessage();
        SSLException e = f instanceof SSLHandshakeException ? new SSLHandshakeException(message)
                : new SSLException(message);
        e.initCause(f);
        return e;
    }
}
