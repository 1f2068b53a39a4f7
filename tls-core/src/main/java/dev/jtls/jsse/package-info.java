/**
 * jtls as a JSSE provider: {@link dev.jtls.jsse.JtlsProvider} registers {@code SSLContext} "TLS",
 * "TLSv1.2" and "Default" ({@link dev.jtls.jsse.JtlsSSLContext}), whose engines
 * ({@link dev.jtls.jsse.JtlsSSLEngine}) are a thin layer over the sans-IO
 * {@link dev.jtls.connection.TlsConnection}. The application's key and trust managers are
 * adapted to jtls's {@link dev.jtls.config.CertificateSelector} and
 * {@link dev.jtls.pki.TrustVerifier}; {@code SSLParameters} map onto a
 * {@link dev.jtls.config.TlsConfig} per handshake. This is the only package of tls-core that
 * knows about JSSE's threading (one lock per engine); it opens no sockets.
 *
 * <p>Socket adapters in this package get a configured engine with
 * {@code JtlsSSLContext.createEngine(host, port)} (package-private).
 */
package dev.jtls.jsse;
