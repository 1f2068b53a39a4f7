package dev.jtls.interop;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 server over jtls's {@link TlsSocket} on a free loopback port, for curl: it
 * reads requests (request line and headers; no bodies) one after another on each connection
 * (keep-alive) and answers each with {@code 200} and a text body naming the path, the request's
 * number on its connection and the connection's number; it ends a connection when the client closes
 * it or asks {@code Connection: close}. What each connection saw is queued as a {@link Conn}.
 */
final class HttpResponder implements AutoCloseable {
    /** One connection as the server saw it. */
    record Conn(int number, Negotiated negotiated, List<String> paths, String error) {
    }

    private final ServerSocket listener;
    private final TlsConfig config;
    private final Thread acceptor;
    private final BlockingQueue<Conn> done = new LinkedBlockingQueue<>();
    private int connections;

    HttpResponder(TlsConfig config) throws IOException {
        this.config = config;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "jtls http responder " + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next finished connection, or null after {@code seconds}. */
    Conn next(int seconds) throws InterruptedException {
        return done.poll(seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                done.add(serve(s, ++connections));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                done.add(new Conn(connections, null, List.of(), e.toString()));
            }
        }
    }

    private Conn serve(Socket socket, int number) throws IOException {
        socket.setSoTimeout(30_000);
        TlsConnection conn = TlsConnection.server(config);
        List<String> paths = new ArrayList<>();
        String error = null;
        try (TlsSocket tls = new TlsSocket(socket, conn)) {
            tls.handshake();
            InputStream in = tls.getInputStream();
            OutputStream out = tls.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    break;
                }
                String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
                paths.add(requestLine[1]);
                boolean close = head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
                byte[] body = ("path=" + requestLine[1] + " request=" + paths.size() + " connection=" + number + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n"
                        + (close ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                if (close) {
                    break;
                }
            }
        } catch (IOException e) {
            // curl may end the transport without close_notify when it exits; anything else is an error.
            if (conn.failure() != null || !conn.isTruncated()) {
                error = e.toString();
            }
        }
        Negotiated negotiated = null;
        for (HandshakeEvent e : conn.events()) {
            if (e instanceof Negotiated) {
                negotiated = (Negotiated) e;
            }
        }
        return new Conn(number, negotiated, paths, error);
    }

    /** The request head up to the blank line, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > 16 * 1024) {
                throw new IOException("request head over 16 KiB");
            }
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
