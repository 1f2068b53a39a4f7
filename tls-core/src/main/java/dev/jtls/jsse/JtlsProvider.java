package dev.jtls.jsse;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * The jtls JSSE provider: {@code SSLContext} "TLS", "TLSv1.2" and "Default", each a
 * {@link JtlsSSLContext} whose engines speak TLS 1.2 through jtls, and {@code TrustManagerFactory}
 * "PKIX" ({@link JtlsTrustManagerFactory}: jtls's RFC 5280 validator). Adopt it with
 * {@code Security.insertProviderAt(new JtlsProvider(), 1)}, or ask for it by name:
 * {@code SSLContext.getInstance("TLSv1.2", "jtls")} once installed, or
 * {@code SSLContext.getInstance("TLSv1.2", new JtlsProvider())}. Also found by
 * {@link java.util.ServiceLoader} as a {@code java.security.Provider}.
 */
public final class JtlsProvider extends Provider {
    private static final long serialVersionUID = 1L;
    /** The provider's name, as {@code Security.getProvider} and {@code getInstance(..., "jtls")} take it. */
    public static final String NAME = "jtls";

    public JtlsProvider() {
        super(NAME, "0.1", "jtls: TLS 1.2 in pure Java (SSLContext TLS, TLSv1.2, Default; TrustManagerFactory PKIX)");
        putService(new ContextService(this, "TLS", List.of("TLSv1.2+"), false));
        putService(new ContextService(this, "TLSv1.2", List.of(), false));
        putService(new ContextService(this, "Default", List.of(), true));
        // The jtls validator behind the standard factory name, so that TrustManagerFactory.getInstance(
        // TrustManagerFactory.getDefaultAlgorithm()) picks it when jtls is the first provider.
        putService(new Service(this, "TrustManagerFactory", "PKIX", JtlsTrustManagerFactory.class.getName(),
                List.of("X509", "X.509", "SunPKIX"), Map.of("ImplementedIn", "Software")));
    }

    /** Makes a fresh {@link JtlsSSLContext} per {@code getInstance}, without reflection. */
    private static final class ContextService extends Service {
        private final boolean isDefault;

        ContextService(Provider provider, String algorithm, List<String> aliases, boolean isDefault) {
            super(provider, "SSLContext", algorithm, JtlsSSLContext.class.getName(), aliases,
                    Map.of("ImplementedIn", "Software"));
            this.isDefault = isDefault;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException("SSLContext takes no constructor parameter");
            }
            return isDefault ? JtlsSSLContext.newDefault() : new JtlsSSLContext();
        }
    }
}
