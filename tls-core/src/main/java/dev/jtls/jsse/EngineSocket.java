package dev.jtls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A blocking {@link SSLSocket} over any {@link SSLEngine}: the engine does TLS, this class moves its
 * records over a TCP socket (its own, or the application's when layered) with
 * {@link EngineConnection}.
 *
 * <p>Reads and writes may run at the same time from two threads. The handshake starts on
 * {@link #startHandshake()}, {@link #getSession()} or the first read or write. The socket's
 * {@code SO_TIMEOUT} bounds each wait for the peer, during the handshake as after it; a timed-out
 * read leaves the socket usable. Handshake listeners run in the thread that completed the handshake,
 * once per handshake, after it released the socket's locks (this class starts no threads; SunJSSE
 * uses a thread of its own), so a listener may use the socket; an exception a listener throws comes
 * out of the call that ran it.
 *
 * <p>The end of the peer's stream is judged by the engine: after close_notify reads return -1; a
 * stream that ends without one is passed to {@link SSLEngine#closeInbound()}, and an engine that
 * calls that a truncation (SunJSSE's does) makes the read throw its {@code SSLException}.
 */
public final class EngineSocket extends EngineSocketBase {
    private static final byte[] NOTHING = new byte[0];

    private final EngineSource source;
    /** Whether closing this socket closes the transport (always, unless layered without autoClose). */
    private final boolean autoClose;
    private final byte[] consumed;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger finishedUnreported = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputStream input = new In();
    private final OutputStream output = new Out();
    /** Until connected, a template holding the settings; then the connection's own engine. */
    private volatile SSLEngine engine;
    private volatile EngineConnection connection;
    private volatile BiFunction<SSLSocket, List<String>, String> selector;

    /** A client socket not yet connected: {@link #connect} makes its engine for the peer it names. */
    EngineSocket(EngineSource source) {
        super(new Socket());
        this.source = source;
        this.autoClose = true;
        this.consumed = NOTHING;
        this.engine = source.createEngine(null, -1);
        this.engine.setUseClientMode(true);
    }

    /**
     * A socket over a connected transport, with an engine already made and configured for it.
     *
     * @param consumed bytes an application already read from the transport (server-side SNI sniffing)
     */
    EngineSocket(EngineSource source, SSLEngine engine, Socket transport, boolean autoClose, byte[] consumed)
            throws IOException {
        super(transport);
        if (!transport.isConnected()) {
            throw new SocketException("the socket to layer TLS over is not connected");
        }
        this.source = source;
        this.autoClose = autoClose;
        this.consumed = consumed.clone();
        this.engine = engine;
        attach();
    }

    private void attach() throws IOException {
        connection = new EngineConnection(engine, transport.getInputStream(), transport.getOutputStream(), consumed,
                this::closeTransportQuietly, finishedUnreported::incrementAndGet);
    }

    /**
     * Connects the transport, then makes this connection's engine for the host the address names (as
     * given, never looked up in reverse) with the settings made so far.
     */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("only InetSocketAddress is supported, not " + endpoint);
        }
        if (connection != null) {
            throw new SocketException("already connected");
        }
        InetSocketAddress address = (InetSocketAddress) endpoint;
        transport.connect(address, timeout);
        SSLEngine real = source.createEngine(address.getHostString(), address.getPort());
        EngineSettings.copy(engine, real);
        engine = real;
        applySelector();
        attach();
    }

    private EngineConnection connected() throws SocketException {
        EngineConnection c = connection;
        if (c == null) {
            throw new SocketException("Socket is not connected");
        }
        return c;
    }

    // ---- handshake and session ----

    /**
     * Runs the initial handshake and returns when it is over. Once it is, asks the engine for a new
     * handshake and returns after sending the first flight; reads and writes carry on meanwhile.
     */
    @Override
    public void startHandshake() throws IOException {
        EngineConnection c = connected();
        if (closed.get()) {
            throw new SocketException("Socket is closed");
        }
        if (c.stage() == EngineConnection.Stage.OPEN) {
            c.renegotiate();
        } else {
            c.handshake();
        }
        reportHandshakes();
    }

    /** The session, after running the initial handshake if needed; a null session if it failed. */
    @Override
    public SSLSession getSession() {
        EngineConnection c = connection;
        if (c == null || closed.get() && c.stage() != EngineConnection.Stage.OPEN) {
            return new EngineNullSession();
        }
        try {
            c.handshake();
        } catch (IOException e) {
            return new EngineNullSession();
        }
        reportHandshakes();
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener is not registered");
        }
    }

    /** Tells the listeners of each handshake finished since the last call; called holding no lock. */
    private void reportHandshakes() {
        for (int n = finishedUnreported.getAndSet(0); n > 0; n--) {
            if (listeners.isEmpty()) {
                continue;
            }
            HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, engine.getSession());
            for (HandshakeCompletedListener l : listeners) {
                l.handshakeCompleted(event);
            }
        }
    }

    // ---- settings (the engine's) ----

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        engine.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        this.selector = selector;
        applySelector();
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
    }

    private void applySelector() {
        BiFunction<SSLSocket, List<String>, String> s = selector;
        engine.setHandshakeApplicationProtocolSelector(s == null ? null : (e, offered) -> s.apply(this, offered));
    }

    // ---- streams and closing ----

    @Override
    public InputStream getInputStream() throws IOException {
        checkOpen();
        connected();
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkOpen();
        connected();
        return output;
    }

    private void checkOpen() throws SocketException {
        if (closed.get()) {
            throw new SocketException("Socket is closed");
        }
    }

    /**
     * Sends close_notify (unless the handshake never started or failed) and closes the transport
     * unless this socket was layered with {@code autoClose} false. A thread blocked in a read gets a
     * {@link SocketException} from the closed transport.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            EngineConnection c = connection;
            if (c != null) {
                c.close();
            }
        } finally {
            if (autoClose) {
                transport.close();
            }
        }
    }

    private void closeTransportQuietly() {
        if (!autoClose) {
            return;
        }
        try {
            transport.close();
        } catch (IOException e) {
            // Closing after a fatal error: the error being reported is the one that matters.
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /** Sends close_notify and shuts the transport's output (TLS has no half-open write side). */
    @Override
    public void shutdownOutput() throws IOException {
        checkOpen();
        connected().shutdownOutput();
        if (autoClose) {
            transport.shutdownOutput();
        }
    }

    /** Later reads return -1 without waiting for the peer's close_notify. */
    @Override
    public void shutdownInput() throws IOException {
        checkOpen();
        connected().shutdownInput();
        if (autoClose) {
            transport.shutdownInput();
        }
    }

    @Override
    public boolean isOutputShutdown() {
        EngineConnection c = connection;
        return c != null && c.isOutputShut() || transport.isOutputShutdown();
    }

    @Override
    public boolean isInputShutdown() {
        EngineConnection c = connection;
        return c != null && c.isInputShut() || transport.isInputShutdown();
    }

    @Override
    public String toString() {
        return "EngineSocket[" + (engine.getUseClientMode() ? "client" : "server") + " over " + transport + "]";
    }

    private final class In extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            synchronized (one) {
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            int n = connected().read(b, off, len);
            reportHandshakes();
            return n;
        }

        @Override
        public int available() throws IOException {
            checkOpen();
            return connected().available();
        }

        @Override
        public void close() throws IOException {
            EngineSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            connected().write(b, off, len);
            reportHandshakes();
        }

        @Override
        public void flush() throws IOException {
            connected().flush();
        }

        @Override
        public void close() throws IOException {
            EngineSocket.this.close();
        }
    }
}
