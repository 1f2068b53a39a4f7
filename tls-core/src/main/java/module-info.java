/**
 * jtls TLS 1.2: messages, the client and server handshakes, sessions, connections, the RFC 5280
 * validator and the JSSE provider {@link dev.jtls.jsse.JtlsProvider}, which a module-path program
 * finds with {@code ServiceLoader.load(java.security.Provider.class)} (the class path keeps finding it
 * through META-INF/services/java.security.Provider).
 */
module dev.jtls.core {
    // Record-layer types (TlsAlertException, AlertDescription, ...) appear in this module's API.
    requires transitive dev.jtls.records;
    // dev.jtls.pki.HostnameVerifier reads certificate subject names with javax.naming.ldap.LdapName.
    requires java.naming;

    exports dev.jtls.message;
    exports dev.jtls.suite;
    exports dev.jtls.handshake;
    exports dev.jtls.handshake.client;
    exports dev.jtls.handshake.server;
    exports dev.jtls.session;
    exports dev.jtls.config;
    exports dev.jtls.connection;
    exports dev.jtls.pki;
    exports dev.jtls.jsse;

    provides java.security.Provider with dev.jtls.jsse.JtlsProvider;
}
