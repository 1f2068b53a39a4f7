package dev.jtls.handshake.server;

import dev.jtls.testing.JsseContexts;
import dev.jtls.testing.TestCerts;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** SunJSSE as the test peer: an SSLContext "TLSv1.2" trusting the test CA, with an optional client key. */
final class SunJsse {
    static {
        enableRsaKeyExchange();
    }

    private SunJsse() {
    }

    /**
     * JDK 24+ lists TLS_RSA_* in jdk.tls.disabledAlgorithms; the peer (never jtls) gets them back.
     * The property is read once per JVM, when JSSE first loads, so this runs before any SSLContext.
     * Surefire's argLine loads src/test/resources/test-java.security first; this is the fallback for
     * runs without it (e.g. from an IDE, when this class is the first to touch JSSE).
     */
    static void enableRsaKeyExchange() {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String item : disabled.split(",")) {
            if (!item.trim().equals("TLS_RSA_*")) {
                kept.add(item.trim());
            }
        }
        Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", kept));
    }

    static SSLContext context(X509Certificate trusted, TestCerts.Issued clientKey, List<X509Certificate> clientChain) {
        return JsseContexts.tls12(null, clientKey == null ? List.of() : List.of(new JsseContexts.KeyEntry(clientKey, clientChain)),
                List.of(trusted));
    }
}
