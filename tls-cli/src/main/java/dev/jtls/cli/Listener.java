package dev.jtls.cli;

import dev.jtls.config.ClientAuth;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** The listening socket of {@code jtls server}: bound first, so that a taken port is reported before anything else is made. */
final class Listener {
    static final int BACKLOG = 128;

    private Listener() {
    }

    /**
     * A plain listening socket; TLS goes over each accepted socket (jtls's TlsSocket, or a
     * provider's SSLSocket layered on it), so the port is taken before any key is made.
     */
    static ServerSocket bind(String address, int port) throws IOException {
        InetAddress at;
        try {
            at = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + address + ": not an address or a known host name");
        }
        try {
            return new ServerSocket(port, BACKLOG, at);
        } catch (BindException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("in use")) {
                throw new IllegalArgumentException("port " + port + " on " + address + " is already in use;"
                        + " pick another with --port (--port 0 picks a free one)");
            }
            if (m.contains("assign")) {
                throw new IllegalArgumentException("--bind " + address + ": not an address of this machine");
            }
            throw new IllegalArgumentException("cannot listen on " + address + ":" + port + ": " + m
                    + (port < 1024 ? " (ports below 1024 need privileges)" : ""));
        }
    }

    /** A provider's server-mode SSLSocket over an accepted socket, with --suite, --alpn and --client-auth. */
    static SSLSocket layer(Socket accepted, SSLContext context, List<String> suites, List<String> alpn, ClientAuth mode)
            throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
        SSLParameters p = ssl.getSSLParameters();
        JsseStack.restrict(p, suites);
        if (alpn != null) {
            p.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        p.setNeedClientAuth(mode == ClientAuth.NEED);
        if (mode == ClientAuth.WANT) {
            p.setWantClientAuth(true);
        }
        ssl.setSSLParameters(p);
        return ssl;
    }
}
