package dev.jtls.config;

/** Whether a server asks for a client certificate (RFC 5246 §7.4.4) and whether it insists. */
public enum ClientAuth {
    /** No CertificateRequest. */
    NONE,
    /** CertificateRequest sent; an empty Certificate from the client is accepted. */
    WANT,
    /** CertificateRequest sent; an empty Certificate ends the handshake with handshake_failure. */
    NEED
}
