package dev.jtls.pki;

import java.net.IDN;
import java.util.Arrays;
import java.util.Locale;

/**
 * The name a client dialled, in the form certificates are compared with (RFC 9525 §6.2, the
 * "reference identifier"): either a DNS name in lower-case A-label form without a trailing dot, or an
 * IP address as bytes. {@link #parse} refuses anything else, so that a host string can never match
 * by accident (an embedded NUL, a space, {@code 127.1}, a wildcard).
 */
public sealed interface ReferenceIdentifier permits ReferenceIdentifier.DnsName, ReferenceIdentifier.IpAddress {

    /** RFC 1035 §2.3.4: at most 253 characters without the trailing dot, labels of 1–63. */
    int MAX_NAME_LENGTH = 253;
    int MAX_LABEL_LENGTH = 63;

    /**
     * Parses a host as given by a user or a URL: an IPv4 literal, an IPv6 literal (with or without
     * the brackets of a URL), or a DNS name, possibly internationalised and with a trailing dot.
     *
     * @throws IllegalArgumentException saying why the host is not usable
     */
    static ReferenceIdentifier parse(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == ' ') {
                throw new IllegalArgumentException("the host contains a space");
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(String.format("the host contains the control character U+%04X",
                        (int) c));
            }
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            // RFC 3986 §3.2.2: a URL writes an IPv6 host in brackets (java.net.URI.getHost keeps them).
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                    : host;
            if (literal.indexOf('%') >= 0) {
                // RFC 6874 zone identifiers are local to this machine; no certificate can name one.
                throw new IllegalArgumentException("an IPv6 address with a zone identifier (%) cannot be verified");
            }
            byte[] v6 = IpLiteral.parseIpv6(literal);
            if (v6 == null) {
                throw new IllegalArgumentException("the host is not a valid IPv6 address");
            }
            return new IpAddress(IpLiteral.unmapIpv4(v6));
        }
        byte[] v4 = IpLiteral.parseIpv4(host);
        if (v4 != null) {
            return new IpAddress(v4);
        }
        return new DnsName(toALabels(host));
    }

    /** RFC 9525 §6.2.1, RFC 5890 §2.3.2.1: lower case, A-labels, no trailing dot. */
    private static String toALabels(String host) {
        if (host.indexOf('*') >= 0) {
            throw new IllegalArgumentException("the host contains a wildcard '*'");
        }
        // RFC 9525 §6.2.1: a fully-qualified name's trailing dot is dropped (one, not more).
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the host is only a dot");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '.')) {
                // RFC 1123 §2.1 / STD3: letters, digits, hyphens. Said here in our words, not IDN's.
                throw new IllegalArgumentException("the host is not a valid DNS name: character '" + c
                        + "' is not allowed");
            }
        }
        String ascii;
        try {
            // IDNA ToASCII with the STD3 rules: letters, digits and hyphens only; U-labels become
            // "xn--" A-labels. Unassigned code points are refused (no ALLOW_UNASSIGNED).
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the host is not a valid DNS name: " + e.getMessage());
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the host is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            checkLabel(label);
        }
        String last = labels[labels.length - 1];
        if (last.chars().allMatch(c -> c >= '0' && c <= '9') || last.matches("0x[0-9a-f]*")) {
            // WHATWG URL "ends in a number": such a host is read as an IPv4 address by other parsers
            // ("127.1", "0x7f.1"), never as a DNS name, so it must not be checked against DNS names.
            throw new IllegalArgumentException("the host looks like an IPv4 address but is not four decimal octets");
        }
        return ascii;
    }

    private static void checkLabel(String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("the host has an empty label");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("the host has a label longer than " + MAX_LABEL_LENGTH
                    + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new IllegalArgumentException("the host is not a valid DNS name: character '" + c + "'");
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new IllegalArgumentException("the host has a label starting or ending with '-'");
        }
        // RFC 5891 §5.4: an A-label given by the user must decode to a valid U-label. IDN.toUnicode
        // gives its input back unchanged when the round trip ToUnicode/ToASCII fails.
        if (label.startsWith("xn--") && IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES).equals(label)) {
            throw new IllegalArgumentException("the host has an invalid A-label '" + label + "'");
        }
    }

    /** A DNS name: lower-case LDH labels, internationalised ones as "xn--" A-labels, no trailing dot. */
    record DnsName(String name) implements ReferenceIdentifier {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An IPv4 (4 bytes) or IPv6 (16 bytes) address; an IPv4-mapped IPv6 address is held as its IPv4
     * address. The array is not copied: do not modify it.
     */
    record IpAddress(byte[] address) implements ReferenceIdentifier {
        boolean matches(byte[] other) {
            return Arrays.equals(address, other);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IpAddress && Arrays.equals(address, ((IpAddress) o).address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address);
        }

        @Override
        public String toString() {
            return IpLiteral.format(address);
        }
    }
}
