package dev.jtls.jsse;

import dev.jtls.connection.TlsConnection;
import dev.jtls.record.ContentType;
import dev.jtls.record.RecordProblem;
import dev.jtls.record.TlsAlertException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * jtls as an {@link SSLEngine}: a thin layer over the sans-IO {@link TlsConnection}.
 *
 * <ul>
 * <li>wrap hands out the connection's protocol records first (whole records only; a destination
 *     too small for the next is BUFFER_OVERFLOW), then protects at most one record of application
 *     data per call.</li>
 * <li>unwrap takes exactly one whole record per call: fewer bytes than a record is
 *     BUFFER_UNDERFLOW with nothing consumed; after the handshake, destinations with less room
 *     than the record can hold are BUFFER_OVERFLOW, again with nothing consumed.</li>
 * <li>FINISHED is reported once, by the call that completes the handshake with nothing left to
 *     send.</li>
 * <li>Delegated tasks: unwrap takes a handshake record that arrives before the peer's
 *     ChangeCipherSpec and reports NEED_TASK; the task from {@link #getDelegatedTask()} hands it to
 *     the connection, whose state machine signs, verifies, agrees keys and calls the key and trust
 *     managers while it handles the messages. A failure in the task is thrown by the next wrap or
 *     unwrap. The Finished (after ChangeCipherSpec) is handled in unwrap itself.</li>
 * <li>A protocol failure throws {@link SSLHandshakeException} (during the handshake) or
 *     {@link SSLException} carrying the alert and jtls's message; the fatal alert is then waiting
 *     (NEED_WRAP) and the next wrap sends it and returns CLOSED, as with SunJSSE.</li>
 * <li>All methods synchronize on one lock, so wrap and unwrap may be called from two threads.</li>
 * </ul>
 */
public final class JtlsSSLEngine extends SSLEngine {

    private final JtlsSSLContext.State ctx;
    private final Object lock = new Object();
    /** The array around a single wrap source or unwrap destination, so the usual call makes none. */
    private final ByteBuffer[] oneBuffer = new ByteBuffer[1];
    /** The session reported before a handshake has one (made on first ask: most engines never ask). */
    private JtlsSSLSession unconnected;
    /** Replaced as a whole, never changed in place: engines made alike share one ({@link EngineParameters#initial}). */
    private SSLParameters params;
    private boolean clientMode;
    private boolean modeSet;
    private boolean sessionCreation = true;
    private BiFunction<SSLEngine, List<String>, String> alpnSelector;

    private TlsConnection conn;
    private HandshakeTracker tracker;
    private final DelegatedRecord task = new DelegatedRecord();
    private boolean finishedPending;
    private boolean outboundClosed;
    private boolean inboundClosed;

    JtlsSSLEngine(JtlsSSLContext context, String host, int port) {
        super(host, port);
        this.ctx = context.state();
        this.params = EngineParameters.initial(host);
    }

    // ---------------------------------------------------------------- wrap

    /** One source (the usual call): the array around it is the engine's own. */
    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        synchronized (lock) {
            oneBuffer[0] = src;
            try {
                return wrap(oneBuffer, 0, 1, dst);
            } finally {
                oneBuffer[0] = null; // the application's buffer is not kept
            }
        }
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        NetBuffers.checkWrap(srcs, offset, length, dst);
        synchronized (lock) {
            start();
            if (conn == null) {
                return new SSLEngineResult(Status.CLOSED, status(), 0, 0);
            }
            throwTaskFailure();
            if (conn.hasOutgoing()) {
                // Whole records straight from the connection, as many as fit.
                int produced = conn.takeOutgoingRecords(dst);
                if (produced == 0) {
                    return new SSLEngineResult(Status.BUFFER_OVERFLOW, status(), 0, 0);
                }
                return result(outboundDone() ? Status.CLOSED : Status.OK, 0, produced);
            }
            if (outboundDone()) {
                return result(Status.CLOSED, 0, 0);
            }
            if (!conn.isHandshakeComplete() || conn.failure() != null
                    || NetBuffers.firstWithRemaining(srcs, offset, length) == null) {
                return result(Status.OK, 0, 0);
            }
            int before = dst.position();
            int consumed = conn.write(srcs, offset, length, dst); // one record, from the sources into dst
            if (consumed == 0) {
                return new SSLEngineResult(Status.BUFFER_OVERFLOW, status(), 0, 0);
            }
            return result(Status.OK, consumed, dst.position() - before);
        }
    }

    // ---------------------------------------------------------------- unwrap

    /** One destination (the usual call): the array around it is the engine's own. */
    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        synchronized (lock) {
            oneBuffer[0] = dst;
            try {
                return unwrap(src, oneBuffer, 0, 1);
            } finally {
                oneBuffer[0] = null; // the application's buffer is not kept
            }
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        NetBuffers.checkUnwrap(src, dsts, offset, length);
        synchronized (lock) {
            return unwrapLocked(src, dsts, offset, length);
        }
    }

    private SSLEngineResult unwrapLocked(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        start();
        if (conn == null) {
            return new SSLEngineResult(Status.CLOSED, status(), 0, 0);
        }
        throwTaskFailure();
        if (conn.readable() > 0) {
            return result(Status.OK, 0, NetBuffers.scatter(conn, dsts, offset, length));
        }
        if (inboundDone()) {
            return result(Status.CLOSED, 0, 0);
        }
        if (!conn.isHandshakeComplete() && (conn.hasOutgoing() || task.isWaiting())) {
            // Our flight goes first, or the task runs first (SunJSSE answers the same way).
            return result(Status.OK, 0, 0);
        }
        // The connection reads the record's header: unwrap takes exactly one whole record.
        int recordLength = conn.nextRecordLength(src);
        if (recordLength < 0 || src.remaining() < recordLength) {
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, status(), 0, 0);
        }
        ContentType type = conn.nextRecordType(src);
        if (conn.isHandshakeComplete() && type == ContentType.APPLICATION_DATA
                && conn.maxPlaintextLength(recordLength) > NetBuffers.remaining(dsts, offset, length)) {
            return new SSLEngineResult(Status.BUFFER_OVERFLOW, status(), 0, 0);
        }
        if (task.takes(type, recordLength, conn.isHandshakeComplete())) {
            // The handshake's public-key work happens in the delegated task (NEED_TASK).
            task.hold(src, recordLength);
            return result(Status.OK, recordLength, 0);
        }
        int start = src.position();
        int produced;
        try {
            produced = NetBuffers.openRecord(conn, src, recordLength, dsts, offset, length);
        } catch (TlsAlertException e) {
            throw failed(e);
        }
        task.received(type);
        afterReceive();
        produced += NetBuffers.scatter(conn, dsts, offset, length);
        return result(conn.isInboundDone() ? Status.CLOSED : Status.OK, src.position() - start, produced);
    }

    private void runTask() {
        synchronized (lock) {
            ByteBuffer record = task.take();
            if (record == null || conn.failure() != null) {
                return;
            }
            JtlsSSLEngine outer = CurrentEngine.enter(this);
            try {
                // Opened where it lies, in this engine's own copy (no buffering in the connection).
                conn.receive(record, NetBuffers.NO_ROOM);
                afterReceive();
            } catch (TlsAlertException e) {
                task.failed(e);
            } finally {
                CurrentEngine.exit(outer);
            }
        }
    }

    /** A failure inside a delegated task surfaces at the next wrap or unwrap, as SunJSSE does it. */
    private void throwTaskFailure() throws SSLException {
        TlsAlertException e = task.takeFailure();
        if (e != null) {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- handshake progress

    /** Starts the handshake on first use: builds the configuration from the parameters and the connection. */
    private void start() throws SSLException {
        if (conn != null || outboundClosed || inboundClosed) {
            return;
        }
        if (!modeSet) {
            throw new IllegalStateException("Client/Server mode has not yet been set.");
        }
        try {
            tracker = new HandshakeTracker(ctx, clientMode);
            conn = tracker.start(params, getPeerHost(), getPeerPort(), sessionCreation, alpnSelector != null);
        } catch (SSLHandshakeException | RuntimeException e) {
            // Nothing was sent: the engine is simply done.
            outboundClosed = true;
            inboundClosed = true;
            tracker = null;
            if (e instanceof SSLHandshakeException) {
                throw (SSLHandshakeException) e;
            }
            SSLHandshakeException x = new SSLHandshakeException("cannot start the handshake: " + e.getMessage());
            x.initCause(e);
            throw x;
        }
    }

    /** Takes up what the handshake reported; on completion, FINISHED is due and local limits apply. */
    private void afterReceive() {
        if (tracker.session() == null && tracker.update(conn)) {
            finishedPending = true;
            unconnected = null; // asked for before the handshake (as Netty's SslHandler does): not kept idle
            int max = params.getMaximumPacketSize();
            if (max > 0) {
                conn.limitSendFragment(Math.max(1, max - (conn.maxRecordSize(1) - 1)));
            }
        }
    }

    private SSLException failed(TlsAlertException e) {
        tracker.update(conn);
        tracker.abandon();
        return EngineExceptions.of(e, !conn.isHandshakeComplete(), conn.hasOutgoing());
    }

    private SSLEngineResult result(Status status, int consumed, int produced) {
        if (conn.isHandshakeComplete()) {
            // An engine may sit idle for long between calls (servers hold thousands): it keeps
            // no buffer then. On the data path none is in use, so this costs nothing there.
            conn.releaseIdleBuffers();
        }
        HandshakeStatus hs = status();
        if (finishedPending && hs != HandshakeStatus.NEED_WRAP) {
            finishedPending = false;
            hs = HandshakeStatus.FINISHED;
        }
        return EngineResults.of(status, hs, consumed, produced);
    }

    /** The bytes of buffer this engine holds now beyond its keys and state (0 when idle after the handshake). */
    int bufferCapacity() {
        synchronized (lock) {
            return (conn == null ? 0 : conn.bufferCapacity()) + task.capacity();
        }
    }

    private HandshakeStatus status() {
        if (conn == null) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (conn.hasOutgoing()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (task.isWaiting()) {
            return HandshakeStatus.NEED_TASK;
        }
        boolean in = inboundDone();
        boolean out = outboundDone();
        if (in && out) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (!conn.isHandshakeComplete()) {
            return in ? HandshakeStatus.NOT_HANDSHAKING : HandshakeStatus.NEED_UNWRAP;
        }
        // After the handshake, a half-closed connection is not handshaking (SunJSSE says the same
        // for TLS 1.2): reading the peer's close_notify is up to the application.
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    private boolean inboundDone() {
        return conn == null ? inboundClosed : inboundClosed || conn.isInboundDone();
    }

    private boolean outboundDone() {
        return conn == null ? outboundClosed : conn.isOutboundDone() && !conn.hasOutgoing();
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void closeOutbound() {
        synchronized (lock) {
            outboundClosed = true;
            if (conn == null) {
                // Never started: there is no one to tell, and nothing will be read either.
                inboundClosed = true;
                return;
            }
            if (!conn.isHandshakeComplete() && conn.failure() == null) {
                // The handshake is abandoned: its remaining messages are not read.
                inboundClosed = true;
                task.drop();
                tracker.abandon();
            }
            conn.close();
        }
    }

    @Override
    public boolean isOutboundDone() {
        synchronized (lock) {
            return outboundDone();
        }
    }

    @Override
    public void closeInbound() throws SSLException {
        synchronized (lock) {
            if (inboundDone()) {
                return;
            }
            inboundClosed = true;
            if (conn == null || conn.failure() != null) {
                return;
            }
            // RFC 5246 §7.2.1: without the peer's close_notify the data may have been cut short.
            // As SunJSSE (17+) does, only the inbound side closes: no alert, and the application
            // may still closeOutbound to send its close_notify.
            conn.endOfInput();
            if (!conn.isHandshakeComplete()) {
                task.drop();
                conn.abort(new TlsAlertException(RecordProblem.TRUNCATED, EngineExceptions.TRUNCATION));
                tracker.abandon();
            }
            throw EngineExceptions.truncation();
        }
    }

    @Override
    public boolean isInboundDone() {
        synchronized (lock) {
            return inboundDone();
        }
    }

    // ---------------------------------------------------------------- handshake control

    /** The handling of the last handshake record received, if it is waiting: see {@link DelegatedRecord#takes}. */
    @Override
    public Runnable getDelegatedTask() {
        synchronized (lock) {
            return task.handOut(this::runTask);
        }
    }

    @Override
    public void beginHandshake() throws SSLException {
        synchronized (lock) {
            if (conn != null && conn.isHandshakeComplete()) {
                throw new SSLException("jtls does not renegotiate: the handshake is done once per connection");
            }
            if (conn == null && (outboundClosed || inboundClosed)) {
                throw new SSLException("the engine is closed");
            }
            start();
        }
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        synchronized (lock) {
            return status();
        }
    }

    @Override
    public SSLSession getSession() {
        synchronized (lock) {
            JtlsSSLSession s = tracker == null ? null : tracker.session();
            if (s != null) {
                return s;
            }
            if (unconnected == null) {
                unconnected = JtlsSSLSession.unconnected(getPeerHost(), getPeerPort());
            }
            return unconnected;
        }
    }

    @Override
    public SSLSession getHandshakeSession() {
        return handshakeSessionForCallbacks();
    }

    /** The handshake session for the key and trust manager adapters (called inside a handshake). */
    JtlsSSLSession handshakeSessionForCallbacks() {
        synchronized (lock) {
            return tracker == null ? null : tracker.handshakeSession();
        }
    }

    @Override
    public String getApplicationProtocol() {
        synchronized (lock) {
            return tracker == null ? null : tracker.applicationProtocol();
        }
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        synchronized (lock) {
            return tracker == null ? null : tracker.handshakeApplicationProtocol();
        }
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        synchronized (lock) {
            this.alpnSelector = selector;
        }
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        synchronized (lock) {
            return alpnSelector;
        }
    }

    // ---------------------------------------------------------------- configuration

    @Override
    public void setUseClientMode(boolean mode) {
        synchronized (lock) {
            if (conn != null) {
                throw new IllegalArgumentException("the mode cannot change once the handshake has begun");
            }
            clientMode = mode;
            modeSet = true;
        }
    }

    @Override
    public boolean getUseClientMode() {
        synchronized (lock) {
            return clientMode;
        }
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return JtlsSSLContext.supportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        synchronized (lock) {
            return params.getCipherSuites();
        }
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        String[] checked = EngineConfigs.checkCipherSuites(suites);
        synchronized (lock) {
            params = EngineParameters.changed(params, p -> p.setCipherSuites(checked));
        }
    }

    @Override
    public String[] getSupportedProtocols() {
        return new String[] {JtlsSSLContext.PROTOCOL};
    }

    @Override
    public String[] getEnabledProtocols() {
        synchronized (lock) {
            return params.getProtocols();
        }
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        String[] checked = EngineConfigs.checkProtocols(protocols);
        synchronized (lock) {
            params = EngineParameters.changed(params, p -> p.setProtocols(checked));
        }
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        synchronized (lock) {
            params = EngineParameters.changed(params, p -> p.setNeedClientAuth(need));
        }
    }

    @Override
    public boolean getNeedClientAuth() {
        synchronized (lock) {
            return params.getNeedClientAuth();
        }
    }

    @Override
    public void setWantClientAuth(boolean want) {
        synchronized (lock) {
            params = EngineParameters.changed(params, p -> p.setWantClientAuth(want));
        }
    }

    @Override
    public boolean getWantClientAuth() {
        synchronized (lock) {
            return params.getWantClientAuth();
        }
    }

    /**
     * False: the next handshake may only resume a session (a client with none to offer fails before
     * sending anything; a peer that does not resume gets a fatal handshake_failure).
     */
    @Override
    public void setEnableSessionCreation(boolean flag) {
        synchronized (lock) {
            sessionCreation = flag;
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        synchronized (lock) {
            return sessionCreation;
        }
    }

    /** This engine's parameters, for the adapters that read them during its handshake: not to be changed. */
    SSLParameters parameters() {
        synchronized (lock) {
            return params;
        }
    }

    @Override
    public SSLParameters getSSLParameters() {
        synchronized (lock) {
            return EngineParameters.copy(params);
        }
    }

    @Override
    public void setSSLParameters(SSLParameters p) {
        synchronized (lock) {
            params = EngineParameters.merge(params, p);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "JtlsSSLEngine[" + (clientMode ? "client" : "server") + ", peer " + getPeerHost() + ":" + getPeerPort()
                    + ", " + (conn == null ? "not started" : conn.status()) + "]";
        }
    }
}
