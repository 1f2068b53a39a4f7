package dev.jtls.proxy.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS on a listener (jtls's SSLEngine).
 *
 * @param certificates the first is the default (no SNI or no match, unless strictSni)
 * @param clientCa CAs client certificates must chain to; null when clientAuth is NONE
 * @param suites IANA names; empty: jtls's default order
 * @param strictSni an unknown SNI name gets a fatal unrecognized_name (RFC 6066 §3); on by default
 * @param strictAlpn no ALPN overlap gets no_application_protocol (RFC 7301 §3.2); on by default
 */
public record TlsListenerConfig(
        List<CertificateConfig> certificates,
        List<String> alpn,
        ClientAuthMode clientAuth,
        Path clientCa,
        List<String> suites,
        boolean strictSni,
        boolean strictAlpn) {

    public enum ClientAuthMode { NONE, WANT, NEED }
}
