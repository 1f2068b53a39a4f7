package dev.jtls.proxy.config;

import java.nio.file.Path;

/** Re-encryption toward back ends: the CAs their certificates must chain to, and the SNI/host name to check. */
public record BackendTlsConfig(Path trust, String serverName) {}
