package dev.jtls.jsse;

import java.security.Principal;
import java.security.cert.Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The session {@link javax.net.ssl.SSLSocket#getSession()} returns when the handshake failed or
 * could not run: invalid, with the cipher suite "SSL_NULL_WITH_NULL_NULL" as that javadoc says,
 * and no peer.
 */
final class EngineNullSession implements SSLSession {
    private final long created = System.currentTimeMillis();

    @Override
    public byte[] getId() {
        return new byte[0];
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return created;
    }

    @Override
    public long getLastAccessedTime() {
        return created;
    }

    @Override
    public void invalidate() {
        // Never valid.
    }

    @Override
    public boolean isValid() {
        return false;
    }

    @Override
    public void putValue(String name, Object value) {
        // A failed session keeps nothing.
    }

    @Override
    public Object getValue(String name) {
        return null;
    }

    @Override
    public void removeValue(String name) {
        // Nothing kept.
    }

    @Override
    public String[] getValueNames() {
        return new String[0];
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("no handshake completed, so the peer is not verified");
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return null;
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("no handshake completed, so the peer is not verified");
    }

    @Override
    public Principal getLocalPrincipal() {
        return null;
    }

    @Override
    public String getCipherSuite() {
        return "SSL_NULL_WITH_NULL_NULL";
    }

    @Override
    public String getProtocol() {
        return "NONE";
    }

    @Override
    public String getPeerHost() {
        return null;
    }

    @Override
    public int getPeerPort() {
        return -1;
    }

    /** RFC 5246 §6.2: 2^14 bytes of plaintext, plus header and the largest expansion allowed. */
    @Override
    public int getPacketBufferSize() {
        return 5 + 16384 + 2048;
    }

    @Override
    public int getApplicationBufferSize() {
        return 16384;
    }
}
