package dev.jtls.record;

/**
 * Why a connection fails: one constant of a reason enum, each of which maps every constant to the
 * one alert it is reported with, in a single exhaustive {@code switch} (RFC 5246 §7.2.2 and RFC 8446
 * §6.2 for what each alert means). The alert follows from the reason, never from where the fault
 * happens to be found.
 *
 * <p>The reasons, by kind: {@link InvalidMessage} (bytes that do not decode) and {@link RecordProblem}
 * (the record layer) here; {@code PeerMisbehaved}, {@code PeerIncompatible} and {@code LocalProblem}
 * in {@code dev.jtls.message}; {@code ChainProblem} in {@code dev.jtls.pki}; and {@link AlertReceived}
 * for a fatal alert from the peer, which is not answered.
 */
public interface Reason {
    /** The alert this reason is reported with; never null. */
    AlertDescription alert();

    /** The kind of reason in words, the first words of every message: "peer incompatible". */
    String kind();

    /** The constant's name, e.g. {@code FINISHED_MISMATCH}. */
    String name();
}
