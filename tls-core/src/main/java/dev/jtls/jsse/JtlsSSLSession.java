package dev.jtls.jsse;

import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.PeerCertificates;
import dev.jtls.record.RecordProtection;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.Session;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * An {@code SSLSession} over a jtls {@link Session}: the immutable facts come from the jtls session
 * (id, suite, certificates, creation time); the parts JSSE makes mutable (last access time,
 * application values, validity) live here. While a handshake runs, the engine fills one in as the
 * handshake session ({@code SSLEngine.getHandshakeSession()}), which key and trust managers read.
 */
public final class JtlsSSLSession extends ExtendedSSLSession {
    /** JSSE's name for "no suite yet" (SSLSession.getCipherSuite before a handshake). */
    static final String NULL_SUITE = "SSL_NULL_WITH_NULL_NULL";
    /** The largest TLS 1.2 record: header and 2^14 + 2048 bytes (RFC 5246 §6.2.3). */
    static final int PACKET_BUFFER_SIZE = RecordProtection.HEADER_LENGTH + RecordProtection.MAX_CIPHERTEXT;
    static final int APPLICATION_BUFFER_SIZE = RecordProtection.MAX_PLAINTEXT;

    private final String peerHost;
    private final int peerPort;
    private static final String[] NO_NAMES = new String[0];

    /** Application values; made on the first putValue (most sessions never get one: 64 bytes each saved). */
    private volatile Map<String, Object> values;
    private final long createdMillis;
    private volatile JtlsSSLSessionContext context;
    private volatile CipherSuite suite;
    private volatile Session session;
    private volatile ClientSessionCache.PeerKey peerKey;
    /**
     * Null: not known yet, parsed from the jtls session's DER on first ask once established (a
     * resumed session's chains are only wanted by some applications, and parsing them costs more
     * than the rest of a resumption); {@link #NONE}: no chain.
     */
    private volatile X509Certificate[] peerCertificates;
    private volatile X509Certificate[] localCertificates;
    private static final X509Certificate[] NONE = new X509Certificate[0];
    /** Where the peer's chain comes from while peerCertificates is not known yet, before the session's DER. */
    private volatile PeerCertificates peerChainEvent;
    private volatile List<SNIServerName> requestedServerNames = List.of();
    private volatile String[] localSignatureAlgorithms = NO_NAMES;
    private volatile String[] peerSignatureAlgorithms = NO_NAMES;
    private volatile long lastAccessedMillis;
    private volatile boolean valid = true;

    JtlsSSLSession(String peerHost, int peerPort) {
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.createdMillis = System.currentTimeMillis();
        this.lastAccessedMillis = createdMillis;
    }

    /** What {@code SSLEngine.getSession()} returns before a handshake has completed: no suite, not valid. */
    static JtlsSSLSession unconnected(String peerHost, int peerPort) {
        JtlsSSLSession s = new JtlsSSLSession(peerHost, peerPort);
        s.valid = false;
        return s;
    }

    // --- filled in by the engine during the handshake ---

    void cipherSuite(CipherSuite suite) {
        this.suite = suite;
    }

    /** The peer's chain as the handshake reported it, turned into certificates on first ask. */
    void peerCertificates(PeerCertificates chain) {
        this.peerChainEvent = chain;
        this.peerCertificates = null;
    }

    void requestedServerNames(List<SNIServerName> names) {
        this.requestedServerNames = List.copyOf(names);
    }

    /** The names of this side's signature schemes, shared by the handshakes of one configuration (never changed). */
    void localSignatureAlgorithms(String[] names) {
        this.localSignatureAlgorithms = names;
    }

    void peerSignatureSchemes(List<SignatureScheme> schemes) {
        this.peerSignatureAlgorithms = SignatureNames.jcaNames(schemes);
    }

    /** Binds this object to the jtls session it now stands for, in {@code context}. */
    void established(Session session, ClientSessionCache.PeerKey peerKey, JtlsSSLSessionContext context) {
        this.session = session;
        this.peerKey = peerKey;
        this.context = context;
        this.suite = session.cipherSuite();
        this.lastAccessedMillis = Math.max(System.currentTimeMillis(), session.creationTime().toEpochMilli());
    }

    Session jtlsSession() {
        return session;
    }

    ClientSessionCache.PeerKey peerKey() {
        return peerKey;
    }

    void accessed() {
        lastAccessedMillis = System.currentTimeMillis();
    }

    // --- SSLSession ---

    @Override
    public byte[] getId() {
        Session s = session;
        return s == null ? new byte[0] : s.id();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        Session s = session;
        return s == null ? createdMillis : s.creationTime().toEpochMilli();
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessedMillis;
    }

    @Override
    public void invalidate() {
        valid = false;
        JtlsSSLSessionContext c = context;
        if (c != null) {
            c.remove(this);
        }
    }

    @Override
    public boolean isValid() {
        if (!valid) {
            return false;
        }
        JtlsSSLSessionContext c = context;
        return c == null || c.isCurrent(this);
    }

    @Override
    public void putValue(String name, Object value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must not be null");
        }
        Object old = values().put(name, value);
        if (value instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) value).valueBound(new SSLSessionBindingEvent(this, name));
        }
        if (old instanceof SSLSessionBindingListener && old != value) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Map<String, Object> v = values;
        return v == null ? null : v.get(name);
    }

    @Override
    public void removeValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Map<String, Object> v = values;
        Object old = v == null ? null : v.remove(name);
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        Map<String, Object> v = values;
        return v == null ? new String[0] : v.keySet().toArray(new String[0]);
    }

    private Map<String, Object> values() {
        Map<String, Object> v = values;
        if (v == null) {
            synchronized (this) {
                v = values;
                if (v == null) {
                    v = new ConcurrentHashMap<>();
                    values = v;
                }
            }
        }
        return v;
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        X509Certificate[] c = peerChain();
        if (c.length == 0) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return c.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        X509Certificate[] c = localChain();
        return c.length == 0 ? null : c.clone();
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        X509Certificate[] c = peerChain();
        if (c.length == 0) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return c[0].getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        X509Certificate[] c = localChain();
        return c.length == 0 ? null : c[0].getSubjectX500Principal();
    }

    private X509Certificate[] peerChain() {
        X509Certificate[] c = peerCertificates;
        if (c != null) {
            return c;
        }
        PeerCertificates reported = peerChainEvent;
        Session s = session;
        if (reported != null) {
            c = reported.chain().toArray(NONE);
        } else if (s != null) {
            c = PeerCertificates.parse(s.peerCertificates()).toArray(NONE);
        } else {
            return NONE; // a handshake session before the peer's chain arrived
        }
        peerCertificates = c;
        return c;
    }

    private X509Certificate[] localChain() {
        X509Certificate[] c = localCertificates;
        Session s = session;
        if (c == null && s != null) {
            c = PeerCertificates.parse(s.localCertificates()).toArray(NONE);
            localCertificates = c;
        }
        return c == null ? NONE : c;
    }

    @Override
    public String getCipherSuite() {
        CipherSuite s = suite;
        return s == null ? NULL_SUITE : s.standardName();
    }

    /** Always TLS 1.2, the only version jtls speaks (also while handshaking: key managers look at it). */
    @Override
    public String getProtocol() {
        return "TLSv1.2";
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return APPLICATION_BUFFER_SIZE;
    }

    // --- ExtendedSSLSession ---

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return localSignatureAlgorithms.clone();
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return peerSignatureAlgorithms.clone();
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    @Override
    public List<byte[]> getStatusResponses() {
        return new ArrayList<>();
    }

    @Override
    public String toString() {
        return "JtlsSSLSession[" + getCipherSuite() + ", peer " + peerHost + ":" + peerPort + (valid ? "" : ", invalid") + "]";
    }
}
