package dev.jtls.cli;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.handshake.HandshakeEvent;
import dev.jtls.handshake.Negotiated;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jtls demo}: a jtls server and a jtls client on 127.0.0.1, three connections (a full
 * handshake, then resumption by session id, then by session ticket), each printed as a ladder
 * from the client's side with the data sent both ways and the close_notify.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a jtls server and a jtls client on 127.0.0.1 (nothing else on the network) and print "
                + "the TLS 1.2 handshake as a ladder: a full handshake, then two abbreviated ones that resume "
                + "the session (by session id, then by session ticket).",
            "The certificates are a throwaway CA and a 'localhost' certificate made on the spot."})
final class DemoCommand implements Callable<Integer> {
    static final String MESSAGE = "hello from the jtls client";
    private static final int TIMEOUT_MS = 10_000;

    @Option(names = "--self-signed", description = {"Serve one self-signed 'localhost' certificate (CA:TRUE, no EKU, as "
            + "`openssl req -x509` makes it) that the client trusts directly, instead of a CA and a leaf."})
    boolean selfSigned;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        long start = System.nanoTime();
        try {
            DemoCertificates certs = selfSigned ? DemoCertificates.selfSigned() : DemoCertificates.create();
            out.printf("jtls demo: a jtls server and a jtls client talking TLS 1.2 over 127.0.0.1%n");
            if (selfSigned) {
                out.printf("  made a self-signed server certificate '%s' (ECDSA P-256) in %d ms; the client trusts"
                        + " exactly it (direct trust)%n", certs.ca.getSubjectX500Principal().getName(),
                        (System.nanoTime() - start) / 1_000_000);
            } else {
                out.printf("  made a throwaway CA '%s' and a server certificate '%s' (ECDSA P-256) in %d ms%n",
                        certs.ca.getSubjectX500Principal().getName(),
                        certs.server.leaf().getSubjectX500Principal().getName(), (System.nanoTime() - start) / 1_000_000);
            }
            TlsConfig serverConfig = TlsConfig.builder().certifiedKey(certs.server).build();
            ReportingTrust trust = new ReportingTrust(
                    PkixTrustVerifier.webPki(TrustAnchors.of(List.of(certs.ca))), List.of(certs.ca));
            TlsConfig client = TlsConfig.builder().trust(trust).build();
            // The same client session cache, with tickets switched off, so that the second
            // connection resumes by session id; the third (tickets on again) by ticket.
            TlsConfig clientWithoutTickets = TlsConfig.builder().trust(trust).sessionTickets(false)
                    .clientSessionCache(client.clientSessionCache()).build();
            try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
                int port = listener.getLocalPort();
                BlockingQueue<String> serverReports = new LinkedBlockingQueue<>();
                Thread server = new Thread(() -> serve(listener, serverConfig, 3, serverReports), "jtls-demo-server");
                server.setDaemon(true);
                server.start();
                out.printf("  jtls server listening on 127.0.0.1:%d; the client trusts only the demo %s%n", port,
                        selfSigned ? "certificate" : "CA");
                out.printf("  each ladder is the client's view; times are ms since that connection started%n");

                Negotiated full = connect(out, "1. full handshake", client, port, trust, serverReports);
                if (full.resumed()) {
                    throw new IllegalStateException("the first connection resumed a session it cannot have");
                }
                expectResumed(connect(out, "2. reconnect with the cached session: resumption by session id",
                        clientWithoutTickets, port, trust, serverReports));
                expectResumed(connect(out, "3. reconnect with the cached session ticket: resumption by ticket",
                        client, port, trust, serverReports));
            }
            out.printf("%ndone: 3 connections (1 full handshake, 2 resumed) in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            return 0;
        } catch (Exception e) {
            out.flush();
            System.err.println("jtls demo: failed: " + describe(e));
            return 1;
        }
    }

    static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static void expectResumed(Negotiated n) {
        if (!n.resumed()) {
            throw new IllegalStateException("the server did not resume the session: a full handshake was made");
        }
    }

    /** One client connection: handshake, a line each way, close_notify; the server's report at the end. */
    private static Negotiated connect(PrintStream out, String title, TlsConfig config, int port, ReportingTrust trust,
                                      BlockingQueue<String> serverReports) throws Exception {
        out.printf("%n%s%n", title);
        Ladder ladder = new Ladder(out);
        trust.reportTo(ladder);
        TlsConnection conn = TlsConnection.client(config, ladder, "localhost", port);
        Negotiated negotiated;
        try (TlsSocket tls = new TlsSocket(new Socket(InetAddress.getLoopbackAddress(), port), conn)) {
            tls.socket().setSoTimeout(TIMEOUT_MS);
            tls.socket().setTcpNoDelay(true); // each message goes out at once: the times show the protocol, not Nagle
            tls.handshake();
            negotiated = negotiated(conn);
            ladder.note("client", "handshake done", summary(negotiated, ladder));
            OutputStream o = tls.getOutputStream();
            byte[] line = (MESSAGE + "\n").getBytes(StandardCharsets.UTF_8);
            o.write(line);
            ladder.note(Ladder.TO_SERVER, "application data", line.length + " bytes: \"" + MESSAGE + "\"");
            String answer = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null) {
                throw new IOException("the server closed without answering");
            }
            ladder.note(Ladder.TO_CLIENT, "application data",
                    answer.getBytes(StandardCharsets.UTF_8).length + 1 + " bytes: \"" + answer + "\"");
        }
        String report = serverReports.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (report == null) {
            throw new IOException("the server did not finish the connection in time");
        }
        if (report.startsWith("error: ")) {
            throw new IOException("server: " + report.substring(7));
        }
        ladder.note("server", "closed", report);
        return negotiated;
    }

    static Negotiated negotiated(TlsConnection conn) {
        for (HandshakeEvent e : conn.events()) {
            if (e instanceof Negotiated) {
                return (Negotiated) e;
            }
        }
        throw new IllegalStateException("the handshake finished without reporting what it negotiated");
    }

    static String summary(Negotiated n, Ladder ladder) {
        StringBuilder sb = new StringBuilder(n.suite().standardName());
        if (n.group() != null) {
            sb.append(", ").append(dev.jtls.message.NamedGroupId.of(n.group()));
        }
        if (n.scheme() != null) {
            sb.append(", ").append(dev.jtls.message.SignatureSchemeId.of(n.scheme()));
        }
        sb.append(n.extendedMasterSecret() ? ", EMS" : ", no EMS");
        if (n.encryptThenMac()) {
            sb.append(", ETM");
        }
        if (n.alpn() != null) {
            sb.append(", ALPN ").append(n.alpn());
        }
        String id = Ladder.sessionId(ladder.serverSessionId());
        if (n.resumed()) {
            sb.append("; resumed: yes, session id ").append(id)
                    .append(ladder.offeredTicket() ? " (by session ticket; the id is the one sent with the ticket)"
                            : " (by session id)");
        } else {
            sb.append("; resumed: no, new session id ").append(id);
        }
        return sb.toString();
    }

    /** The demo's server: {@code connections} connections one after another, each echoing one line. */
    private static void serve(ServerSocket listener, TlsConfig config, int connections, BlockingQueue<String> reports) {
        for (int i = 0; i < connections; i++) {
            try (Socket s = listener.accept();
                 TlsSocket tls = new TlsSocket(s, TlsConnection.server(config))) {
                s.setSoTimeout(TIMEOUT_MS);
                s.setTcpNoDelay(true);
                tls.handshake();
                BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                tls.getOutputStream().write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                // Wait for the client's close_notify: read() returns -1 only after it (else it throws).
                while (in.read() >= 0) {
                    // nothing more is expected
                }
                reports.add("server echoed the line, received the client's close_notify and closed");
            } catch (IOException | RuntimeException e) {
                reports.add("error: " + describe(e));
            }
        }
    }
}
