package dev.jtls.bench.proxy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Holds N TLS 1.2 client connections open and idle (handshake done, no request), so a proxy's retained
 * memory per idle connection can be read from outside. Prints {@code ready N} on stdout once all are
 * up (or {@code failed K} for those that could not connect), then waits until stdin closes.
 *
 * <p>Usage: {@code IdleTlsClients HOST PORT N CA.pem [THREADS]}. The client is the JDK's own TLS
 * (SunJSSE), which resumes sessions by itself after the first connection, so holding 10,000 connections
 * costs the proxy one full handshake and then resumptions; the idle state is the same either way.
 */
public final class IdleTlsClients {
    private IdleTlsClients() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: IdleTlsClients HOST PORT N CA.pem [THREADS]");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        SSLContext context = trusting(Path.of(args[3]));
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 8;

        List<SSLSocket> open = Collections.synchronizedList(new ArrayList<>(n));
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger firstError = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < n; i++) {
            pool.execute(() -> {
                try {
                    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
                    s.connect(target, 10_000);
                    s.setSoTimeout(10_000);
                    s.setEnabledProtocols(new String[] {"TLSv1.2"});
                    s.startHandshake();
                    open.add(s);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    if (firstError.getAndIncrement() == 0) {
                        System.err.println("IdleTlsClients: first failure: " + e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        System.out.printf("ready %d failed %d seconds %.1f%n", open.size(), failed.get(), (System.nanoTime() - start) / 1e9);
        System.out.flush();
        // Hold until the script closes our stdin (or kills us).
        InputStream in = System.in;
        while (in.read() >= 0) {
            // discard
        }
        for (SSLSocket s : open) {
            s.close();
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("ca" + i++, (X509Certificate) c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
