package dev.jtls.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The L4 tier of a scale-out set-up, as small as it gets: each new TCP connection on 127.0.0.1 goes
 * to the next target in turn (one that refuses the connection is skipped), bytes piped both ways
 * untouched. Daemon threads; {@link #close} stops accepting and cuts every connection.
 */
public final class L4RoundRobin implements AutoCloseable {
    private final ServerSocket server;
    private final List<Integer> targets;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Which target each accepted connection went to, in order. */
    public final List<Integer> chosen = new CopyOnWriteArrayList<>();

    public L4RoundRobin(List<Integer> targetPorts) throws IOException {
        this.targets = List.copyOf(targetPorts);
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "l4-round-robin");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Socket backend = connectNext();
                if (backend == null) {
                    client.close();
                    continue;
                }
                open.add(backend);
                pipe(client, backend);
                pipe(backend, client);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private Socket connectNext() {
        for (int i = 0; i < targets.size(); i++) {
            int port = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                chosen.add(port);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
        return null;
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "l4-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(L4RoundRobin::closeQuietly);
    }
}
