package dev.jtls.config;

/**
 * Whose order of cipher suites a server follows (RFC 5246 §7.4.1.2 leaves the choice to the server:
 * the client lists its suites "in the client's order of preference", and the server "will select a
 * cipher suite"). jtls follows its own by default, so that its ordering (AEAD with forward secrecy
 * first, RSA key exchange last) wins; JSSE applications can ask for the client's with
 * {@code SSLParameters.setUseCipherSuitesOrder(false)}.
 */
public enum SuitePreference {
    /** The first of the server's enabled suites that the client offered (the default). */
    SERVER,
    /** The first of the client's offered suites that the server enabled. */
    CLIENT
}
