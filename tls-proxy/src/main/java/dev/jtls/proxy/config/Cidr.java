package dev.jtls.proxy.config;

import java.net.InetAddress;

/** An address block, {@code 10.0.0.0/8} or {@code ::1/128}. */
public record Cidr(InetAddress network, int prefixLength) {}
