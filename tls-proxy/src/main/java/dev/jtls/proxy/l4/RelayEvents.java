package dev.jtls.proxy.l4;

/**
 * What a {@link TcpRelay} tells the outside (metrics) about each relayed connection. Called on the
 * client channel's event loop; implementations must be quick and thread-safe.
 */
public interface RelayEvents {

    /** Events nobody listens to. */
    RelayEvents NONE = new RelayEvents() { };

    /** A back-end connection is up and bytes may flow. */
    default void connected(String pool, String backend) {
    }

    /** Connecting to {@code backend} failed ({@code reason}: refused, timeout, …); another may be tried. */
    default void connectFailed(String pool, String backend, String reason) {
    }

    /** No eligible back end was left to try: the client connection is closed. */
    default void noBackend(String pool) {
    }

    /** The relay ended; bytes counted as relayed in each direction. */
    default void closed(String pool, String backend, long bytesToBackend, long bytesToClient) {
    }
}
