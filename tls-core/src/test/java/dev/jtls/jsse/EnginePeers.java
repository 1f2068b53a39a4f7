package dev.jtls.jsse;

import dev.jtls.testing.JsseContexts;
import dev.jtls.testing.JsseContexts.KeyEntry;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Peers for the {@code Engine*} socket tests: SunJSSE contexts (the engines under the sockets, and
 * the JDK's own SSLSocket/SSLServerSocket as the other side), all on 127.0.0.1 with ephemeral ports.
 */
final class EnginePeers {
    static final Issued CA = TestCerts.ca("Engine Socket Test CA", Kind.EC_P256);
    static final Issued SERVER = TestCerts.leaf(CA, "localhost", Kind.EC_P256, List.of("localhost", "127.0.0.1"));
    static final Issued CLIENT = TestCerts.leaf(CA, "engine client", Kind.EC_P256, List.of());
    static final Issued OTHER_CA = TestCerts.ca("Some Other CA", Kind.EC_P256);

    /** The server's key, trusting the CA (for client certificates). */
    static final SSLContext SERVER_CTX = JsseContexts.tls12(null,
            List.of(new KeyEntry(SERVER, List.of(SERVER.certificate(), CA.certificate()))), List.of(CA.certificate()));
    /** A client with no key, trusting the CA. */
    static final SSLContext CLIENT_CTX = JsseContexts.tls12(null, List.of(), List.of(CA.certificate()));
    /** A client with a certificate from the CA. */
    static final SSLContext CLIENT_WITH_KEY_CTX = JsseContexts.tls12(null,
            List.of(new KeyEntry(CLIENT, List.of(CLIENT.certificate(), CA.certificate()))), List.of(CA.certificate()));
    /** A client that trusts another CA only. */
    static final SSLContext DISTRUSTING_CTX = JsseContexts.tls12(null, List.of(), List.of(OTHER_CA.certificate()));

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static final AtomicInteger THREADS = new AtomicInteger();
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "engine-peer-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private EnginePeers() {
    }

    /** Engines from {@code ctx}, counted, to prove the sockets use the source. */
    static final class CountingSource implements EngineSource {
        final SSLContext ctx;
        final AtomicInteger made = new AtomicInteger();

        CountingSource(SSLContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public javax.net.ssl.SSLEngine createEngine(String peerHost, int peerPort) {
            made.incrementAndGet();
            return ctx.createSSLEngine(peerHost, peerPort);
        }
    }

    static EngineSocketFactory ourClients(SSLContext ctx) {
        return new EngineSocketFactory(EngineSource.of(ctx));
    }

    static EngineServerSocket ourServer(SSLContext ctx) throws IOException {
        return (EngineServerSocket) new EngineServerSocketFactory(EngineSource.of(ctx)).createServerSocket(0, 50, LOOPBACK);
    }

    static SSLServerSocket jdkServer(SSLContext ctx) throws IOException {
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
    }

    static SSLSocket jdkClient(SSLContext ctx, int port) throws IOException {
        return (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port);
    }

    /** Side {@code A} of a test on the pool. */
    interface Side<T> {
        T run() throws Exception;
    }

    static <T> CompletableFuture<T> async(Side<T> side) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return side.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, POOL);
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause() instanceof java.util.concurrent.CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (c instanceof Exception) {
                throw (Exception) c;
            }
            throw e;
        }
    }

    /** Accepts one connection and echoes it until the end of its stream; returns the bytes echoed. */
    static CompletableFuture<Long> echoOnce(ServerSocket server) {
        return async(() -> {
            try (Socket s = server.accept()) {
                return echo(s);
            }
        });
    }

    static long echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
            total += n;
        }
        return total;
    }

    /** Deterministic pseudo-random bytes (a counter through SHA-256). */
    static byte[] bytes(int length, int seed) {
        try {
            byte[] out = new byte[length];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0, block = 0; i < length; block++) {
                sha.update((byte) seed);
                sha.update(new byte[] {(byte) (block >> 24), (byte) (block >> 16), (byte) (block >> 8), (byte) block});
                byte[] d = sha.digest();
                int n = Math.min(d.length, length - i);
                System.arraycopy(d, 0, out, i, n);
                i += n;
            }
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
