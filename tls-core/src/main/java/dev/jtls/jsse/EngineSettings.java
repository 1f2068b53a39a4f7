package dev.jtls.jsse;

import java.util.List;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Carries an application's settings from one engine to another: a socket not yet connected and a
 * server socket keep theirs on a template engine, and each connection gets a fresh engine (made for
 * its peer) with the same settings.
 */
final class EngineSettings {
    private EngineSettings() {
    }

    /**
     * Mode, {@link SSLParameters} and session creation of {@code from}, onto {@code to}. An empty
     * server-name list on the template means "none chosen" (an engine made without a host reports
     * it so), so it does not replace the SNI name {@code to} derived from its peer host.
     */
    static void copy(SSLEngine from, SSLEngine to) {
        to.setUseClientMode(from.getUseClientMode());
        SSLParameters p = from.getSSLParameters();
        List<SNIServerName> names = p.getServerNames();
        if (names != null && names.isEmpty()) {
            p.setServerNames(null);
        }
        to.setSSLParameters(p);
        to.setEnableSessionCreation(from.getEnableSessionCreation());
    }
}
