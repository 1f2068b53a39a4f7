package dev.jtls.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A TLS socket to the proxy that writes raw bytes and reads what comes back until the proxy closes. */
public final class RawTls implements AutoCloseable {
    public final SSLSocket socket;

    private RawTls(SSLSocket socket) {
        this.socket = socket;
    }

    public static RawTls connect(int port, String sni) throws Exception {
        SSLSocket s = (SSLSocket) TestPki.get().clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(sni)));
        s.setSSLParameters(p);
        s.setSoTimeout(5000);
        s.startHandshake();
        return new RawTls(s);
    }

    public RawTls send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Everything until the proxy closes (EOF) or {@code soTimeout}; {@link #closedByPeer} says which. */
    public String readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            closedByPeer = true;
        } catch (SocketTimeoutException e) {
            closedByPeer = false;
        } catch (IOException e) {
            closedByPeer = true;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response head and body of the given Content-Length-framed kind (keep-alive tests). */
    public String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    public boolean closedByPeer;

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
