package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.Map;

/**
 * RFC 5246 §7.4.1.2 CipherSuite: an open value type for any uint16 a peer sends. The supported
 * suites and their parameters live in {@code dev.jtls.suite.CipherSuite}; this package does not
 * depend on it (handshake depends on message), so the names here are only for {@link #toString}.
 */
public record CipherSuiteId(int code) {
    /** RFC 5746 §3.3: signalling cipher suite value, not a real suite. */
    public static final CipherSuiteId TLS_EMPTY_RENEGOTIATION_INFO_SCSV = new CipherSuiteId(0x00ff);
    /** RFC 7507 §2: signalling cipher suite value, not a real suite. */
    public static final CipherSuiteId TLS_FALLBACK_SCSV = new CipherSuiteId(0x5600);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
            Map.entry(0x5600, "TLS_FALLBACK_SCSV"),
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
            Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"));

    public CipherSuiteId {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("CipherSuite out of range: " + code);
        }
    }

    public static CipherSuiteId of(int code) {
        return new CipherSuiteId(code);
    }

    public static CipherSuiteId decode(TlsReader r) {
        return new CipherSuiteId(r.uint16("cipher_suite"));
    }

    public void encode(TlsWriter w) {
        w.uint16(code);
    }

    /** True for the signalling values RFC 5746 and RFC 7507 define (never negotiable). */
    public boolean isSignalling() {
        return code == 0x00ff || code == 0x5600;
    }

    /** The IANA name, or null if not in the small table here. */
    public String name() {
        return NAMES.get(code);
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : String.format("0x%04x", code);
    }
}
