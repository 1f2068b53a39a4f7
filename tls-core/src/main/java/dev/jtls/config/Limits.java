package dev.jtls.config;

/**
 * Hard limits on every length and count a peer controls. Exceeding one is an alert,
 * never an OutOfMemoryError or a hang.
 *
 * @param maxHandshakeMessageLength largest handshake message accepted, in bytes
 * @param maxCertificateChainLength most certificates in a peer's Certificate message
 * @param maxEmptyRecords           empty records in a row before unexpected_message
 * @param maxWarningAlerts          warning alerts in a row during the handshake before unexpected_message
 */
public record Limits(int maxHandshakeMessageLength, int maxCertificateChainLength, int maxEmptyRecords,
                     int maxWarningAlerts) {
    /** Room for a long chain of large certificates, well short of a memory problem. */
    public static final Limits DEFAULT = new Limits(256 * 1024, 10, 32, 4);

    public Limits {
        if (maxHandshakeMessageLength < 1024 || maxCertificateChainLength < 1 || maxEmptyRecords < 0
                || maxWarningAlerts < 0) {
            throw new IllegalArgumentException("limits out of range");
        }
    }
}
