package dev.jtls.config;

/**
 * What a server does when the client's server_name (RFC 6066 §3) is not named by any of its
 * certificates. RFC 6066 §3 lets the server go on without the name; of the warning it says "It is
 * NOT RECOMMENDED to send a warning-level unrecognized_name(112) alert, because the client's
 * behavior in response to warning-level alerts is unpredictable" — SunJSSE (17, 25) treats it as
 * fatal.
 */
public enum UnknownServerName {
    /** Go on with the default certificate, no alert (the default). */
    IGNORE,
    /** Send a warning unrecognized_name before ServerHello and go on (what tlsfuzzer's default expects). */
    WARN,
    /** Abort with a fatal unrecognized_name (RFC 6066 §3 allows it). */
    FATAL
}
