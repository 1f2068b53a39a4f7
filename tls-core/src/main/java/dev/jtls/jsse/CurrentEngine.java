package dev.jtls.jsse;

/**
 * The engine whose handshake messages this thread is handling. A context's engines with the same
 * parameters share one {@link dev.jtls.config.TlsConfig} ({@link ConfigCache}), so its key manager,
 * trust manager and ALPN adapters hold no engine: they ask here for the one the JSSE callbacks must
 * be given (X509ExtendedKeyManager.chooseEngineServerAlias, X509ExtendedTrustManager.checkServerTrusted,
 * the handshake application protocol selector). The engine sets it around the delegated task that
 * hands its records to the connection; nested engines on one thread restore the outer one.
 */
final class CurrentEngine {
    private static final ThreadLocal<JtlsSSLEngine> CURRENT = new ThreadLocal<>();

    private CurrentEngine() {
    }

    /** Makes {@code engine} this thread's current one; returns the one to give back to {@link #exit}. */
    static JtlsSSLEngine enter(JtlsSSLEngine engine) {
        JtlsSSLEngine previous = CURRENT.get();
        CURRENT.set(engine);
        return previous;
    }

    static void exit(JtlsSSLEngine previous) {
        // set(null) rather than remove(): the entry stays for the thread's next handshake, and
        // remove() costs a clean-up of the thread's map each time.
        CURRENT.set(previous);
    }

    /**
     * The engine handling a handshake on this thread.
     *
     * @throws IllegalStateException when called outside an engine's handshake (a jtls bug: the
     *         connection calls the adapters only while the engine hands it records)
     */
    static JtlsSSLEngine get() {
        JtlsSSLEngine e = CURRENT.get();
        if (e == null) {
            throw new IllegalStateException("a JSSE callback ran outside the handshake of a jtls SSLEngine");
        }
        return e;
    }
}
