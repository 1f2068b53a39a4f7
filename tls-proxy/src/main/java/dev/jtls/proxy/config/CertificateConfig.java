package dev.jtls.proxy.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A certificate chain and its key (PEM), served for the given SNI names.
 *
 * @param names exact names or {@code *.example.com}; empty: taken from the certificate's SANs
 */
public record CertificateConfig(Path cert, Path key, List<String> names) {}
