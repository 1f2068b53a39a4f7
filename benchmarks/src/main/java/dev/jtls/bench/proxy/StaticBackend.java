package dev.jtls.bench.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * The back end of the proxy benchmark's smoke round (the full round uses nginx): HTTP/1.1 with
 * keep-alive on 127.0.0.1, {@code /small} (128 bytes) and {@code /64k} (65,536 bytes). Prints
 * {@code listening PORT} and serves until killed. Usage: {@code StaticBackend [PORT] [THREADS]}.
 */
public final class StaticBackend {
    private StaticBackend() {}

    public static void main(String[] args) throws Exception {
        // Without it the JDK's server leaves Nagle on and every keep-alive reply waits for a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        byte[] small = body(128);
        byte[] big = body(64 * 1024);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.createContext("/small", ex -> reply(ex, small));
        server.createContext("/64k", ex -> reply(ex, big));
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        System.out.println("listening " + server.getAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, byte[] body) throws java.io.IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static byte[] body(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }
}
