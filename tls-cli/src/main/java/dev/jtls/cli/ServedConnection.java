package dev.jtls.cli;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.AlertReceived;
import dev.jtls.record.TlsAlertException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * One connection of {@code jtls server}, on a worker thread: the handshake within its deadline,
 * then the exchange ({@link Mode}) with an idle timeout, then one log line: the peer, how it ended,
 * what was negotiated and how long it took. Whatever happens stays in this connection.
 */
final class ServedConnection implements Runnable {
    /** What the server does with a connection's data. */
    enum Mode {
        /** Print what the client sends (the server's standard output). */
        PRINT,
        /** Send it back. */
        ECHO,
        /** Answer one HTTP/1.x request with a page of the connection's facts. */
        WWW
    }

    /** How long a connection may take: the handshake as a whole, and each quiet spell after it. */
    record Timeouts(Duration handshake, Duration idle) {
    }

    /** A connection after its handshake: its data streams, what it negotiated, how it closes. */
    record Session(InputStream in, OutputStream out, ConnectionFacts facts, Closeable closer,
                   Predicate<IOException> truncation) {
    }

    /** Does the handshake on an accepted socket (jtls's own, or a JSSE provider's). */
    interface Handshaker {
        Session handshake(Socket accepted) throws IOException;
    }

    private final String who;
    private final Socket socket;
    private final Handshaker handshaker;
    private final Mode mode;
    private final Timeouts timeouts;
    private final ScheduledExecutorService timer;
    private final PrintStream out;

    ServedConnection(int n, Socket socket, Handshaker handshaker, Mode mode, Timeouts timeouts,
                     ScheduledExecutorService timer, PrintStream out) {
        this.who = "connection " + n + " from " + peer(socket);
        this.socket = socket;
        this.handshaker = handshaker;
        this.mode = mode;
        this.timeouts = timeouts;
        this.timer = timer;
        this.out = out;
    }

    static String peer(Socket s) {
        return s.getInetAddress().getHostAddress().contains(":")
                ? "[" + s.getInetAddress().getHostAddress() + "]:" + s.getPort()
                : s.getInetAddress().getHostAddress() + ":" + s.getPort();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        Session session = null;
        String outcome;
        Deadline deadline = Deadline.start(timer, socket, timeouts.handshake());
        try {
            socket.setSoTimeout((int) timeouts.handshake().toMillis());
            socket.setTcpNoDelay(true);
            session = handshaker.handshake(socket);
            deadline.cancel();
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeouts.idle().toMillis()));
            outcome = exchange(session);
        } catch (IOException | RuntimeException e) {
            outcome = failure(e, session, deadline);
        } finally {
            deadline.cancel();
            close(session);
        }
        out.println(who + ": " + outcome + (session != null ? "; " + session.facts().summary() : "")
                + "; " + (System.nanoTime() - start) / 1_000_000 + " ms");
        out.flush();
    }

    private String failure(Exception e, Session session, Deadline deadline) {
        if (session == null && (deadline.expired() || e instanceof SocketTimeoutException)) {
            return "handshake not done within " + DurationOption.show(timeouts.handshake())
                    + " (--handshake-timeout): closed";
        }
        if (e instanceof SocketTimeoutException) {
            return "idle for " + DurationOption.show(timeouts.idle()) + " (--idle-timeout): closed";
        }
        if (session != null && e instanceof IOException && session.truncation().test((IOException) e)) {
            return "truncated (no close_notify)";
        }
        return "failed: " + DemoCommand.describe(e) + refusedCertificate(e);
    }

    /** The client's alerts that mean it refused this server's certificate (RFC 5246 §7.2.2). */
    private static final java.util.Set<AlertDescription> CERTIFICATE_ALERTS = java.util.EnumSet.of(
            AlertDescription.BAD_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE, AlertDescription.CERTIFICATE_REVOKED,
            AlertDescription.CERTIFICATE_EXPIRED, AlertDescription.CERTIFICATE_UNKNOWN, AlertDescription.UNKNOWN_CA);

    /** When the client's alert says it refused our certificate, what to look at. */
    private static String refusedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TlsAlertException && ((TlsAlertException) t).reason() instanceof AlertReceived
                    && CERTIFICATE_ALERTS.contains(((TlsAlertException) t).description())) {
                return " (the client refused this server's certificate: does it trust the CA, and does --cert name the host it dialled?)";
            }
        }
        return "";
    }

    /** The data after the handshake, until the client closes; how it ended. */
    private String exchange(Session session) throws IOException {
        byte[] buf = new byte[16 * 1024];
        switch (mode) {
            case WWW:
                String answered = WwwPage.answer(session.in(), session.out(), session.facts());
                return answered == null ? "closed by the client (close_notify) before any request"
                        : "answered " + answered + " (--www), closed";
            case ECHO:
                for (int r; (r = session.in().read(buf)) >= 0; ) {
                    session.out().write(buf, 0, r);
                    session.out().flush();
                }
                return "closed by the client (close_notify)";
            case PRINT:
                for (int r; (r = session.in().read(buf)) >= 0; ) {
                    synchronized (out) {
                        out.write(buf, 0, r);
                        out.flush();
                    }
                }
                return "closed by the client (close_notify)";
            default:
                throw new AssertionError(mode);
        }
    }

    /** Our close_notify after a handshake (RFC 5246 §7.2.1), then the socket. */
    private void close(Session session) {
        try {
            if (session != null) {
                session.closer().close();
            }
        } catch (IOException ignored) {
            // the peer is gone; the outcome is already known
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do for this connection
            }
        }
    }

    /** For a JSSE socket: an end of stream without close_notify, in the words providers use. */
    static boolean looksTruncated(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return e instanceof EOFException || m.contains("close_notify") || m.contains("truncat");
    }
}
