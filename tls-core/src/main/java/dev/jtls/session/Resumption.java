package dev.jtls.session;

import dev.jtls.suite.CipherSuite;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.suite.CipherSuite;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.ProtocolVersion;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether an abbreviated handshake may go ahead, as pure functions of the session and the hello
 * that asks for (server) or accepts (client) it. No I/O, no clock: the caches and the ticket sealer
 * have already checked that the session is known and unexpired.
 */
public final class Resumption {
    private Resumption() {
    }

    /** What to do with a resumption request or offer. */
    public enum Decision {
        /** Go on with the abbreviated handshake. */
        RESUME,
        /** Ignore the session and negotiate a new one (server side only). */
        FULL_HANDSHAKE,
        /** The session's suite (or version) is not the one offered or chosen (RFC 5246 §7.4.1.2, §7.4.1.3). */
        ABORT_SUITE_MISMATCH,
        /** extended_master_secret differs between the session and the hello (RFC 7627 §5.3). */
        ABORT_EXTENDED_MASTER_SECRET_MISMATCH,
        /** A session made with encrypt-then-MAC resumed without it (RFC 7366 §3.1). */
        ABORT_ENCRYPT_THEN_MAC_DOWNGRADE;

        /** Why the handshake aborts, or null if it goes on. */
        public PeerMisbehaved reason() {
            return switch (this) {
                case ABORT_SUITE_MISMATCH -> PeerMisbehaved.RESUMPTION_SUITE_MISMATCH;
                case ABORT_EXTENDED_MASTER_SECRET_MISMATCH -> PeerMisbehaved.RESUMPTION_EXTENDED_MASTER_SECRET_MISMATCH;
                case ABORT_ENCRYPT_THEN_MAC_DOWNGRADE -> PeerMisbehaved.ENCRYPT_THEN_MAC_DOWNGRADE;
                case RESUME, FULL_HANDSHAKE -> null;
            };
        }
    }

    /**
     * The facts of a ClientHello that asks to resume a session (by id or by ticket).
     *
     * @param offeredSuites  the suites the client offered that jtls knows (unknown codes dropped)
     * @param version        the version the server would negotiate with this hello
     * @param serverName     the SNI host name, or null if the hello has none
     * @param extendedMasterSecret whether the hello carries extended_master_secret
     */
    public record ClientHelloFacts(Collection<CipherSuite> offeredSuites, ProtocolVersion version,
                                   String serverName, boolean extendedMasterSecret) {
        public ClientHelloFacts {
            Objects.requireNonNull(offeredSuites);
            Objects.requireNonNull(version);
        }
    }

    /**
     * The facts of a ServerHello that accepts the client's resumption offer (it echoed the offered
     * session id, RFC 5246 §7.4.1.3, or RFC 5077 §3.4 for a ticket).
     */
    public record ServerHelloFacts(CipherSuite suite, ProtocolVersion version, boolean extendedMasterSecret) {
        public ServerHelloFacts {
            Objects.requireNonNull(suite);
            Objects.requireNonNull(version);
        }
    }

    /**
     * Server side: may the session found for this ClientHello be resumed? Checks, in this order:
     * <ol>
     * <li>RFC 5246 §7.4.1.2: when resuming, cipher_suites "MUST include at least the cipher_suite
     * from that session"; a client that breaks this gets illegal_parameter (tlsfuzzer
     * scripts/test-resumption-with-wrong-ciphers.py, CVE-2010-4180, expects exactly that).</li>
     * <li>RFC 7627 §5.3, server side:
     *   <ul>
     *   <li>session without EMS, hello with EMS: "MUST NOT perform the abbreviated handshake ...
     *   SHOULD continue with a full handshake" → FULL_HANDSHAKE;</li>
     *   <li>session with EMS, hello without: "MUST abort the abbreviated handshake" →
     *   handshake_failure (tlsfuzzer scripts/test-extended-master-secret-extension.py, "EMS with
     *   session resume without extension", expects handshake_failure);</li>
     *   <li>neither: "the server SHOULD abort the handshake" → handshake_failure (jtls does not do
     *   legacy insecure resumption; its caches never hold such a session anyway).</li>
     *   </ul></li>
     * <li>RFC 6066 §3: a server "MUST NOT accept the request to resume the session if the
     * server_name extension contains a different name. Instead, it proceeds with a full
     * handshake"; a name present on one side only is a different name too (tlsfuzzer
     * scripts/test-invalid-server-name-extension-resumption.py, "session resume with different
     * SNI", expects a full handshake).</li>
     * <li>The version must be the session's, and the session's suite must still be enabled on this
     * server (configuration may have changed): otherwise a full handshake, never a wrong resume.</li>
     * </ol>
     *
     * @param enabledSuites the suites this server's configuration enables now
     */
    public static Decision server(Session session, ClientHelloFacts hello, Collection<CipherSuite> enabledSuites) {
        if (!hello.offeredSuites().contains(session.cipherSuite())) {
            return Decision.ABORT_SUITE_MISMATCH;
        }
        if (!session.extendedMasterSecret()) {
            return hello.extendedMasterSecret() ? Decision.FULL_HANDSHAKE : Decision.ABORT_EXTENDED_MASTER_SECRET_MISMATCH;
        }
        if (!hello.extendedMasterSecret()) {
            return Decision.ABORT_EXTENDED_MASTER_SECRET_MISMATCH;
        }
        if (!sameName(session.serverName(), hello.serverName())) {
            return Decision.FULL_HANDSHAKE;
        }
        if (!session.protocolVersion().equals(hello.version())
                || !enabledSuites.contains(session.cipherSuite())) {
            return Decision.FULL_HANDSHAKE;
        }
        return Decision.RESUME;
    }

    /**
     * Client side, before sending: should this cached session be offered? RFC 7627 §5.3: "The client
     * SHOULD NOT offer an abbreviated handshake to resume a session that does not use an extended
     * master secret" (jtls: never); and when offering, the hello "MUST send the
     * extended_master_secret extension" — so a hello without EMS offers no session. The suite must
     * be in the hello (RFC 5246 §7.4.1.2) and the version the one to be offered.
     */
    public static boolean clientShouldOffer(Session session, ClientHelloFacts hello) {
        return session.extendedMasterSecret() && hello.extendedMasterSecret()
                && hello.offeredSuites().contains(session.cipherSuite())
                && session.protocolVersion().equals(hello.version())
                && sameName(session.serverName(), hello.serverName());
    }

    /**
     * Client side, on a ServerHello that accepts the resumption: RESUME, or an abort.
     * <ul>
     * <li>RFC 5246 §7.4.1.3: for a resumed session cipher_suite "is the value from the state of the
     * session being resumed", and the version is the session's → illegal_parameter otherwise.</li>
     * <li>RFC 7627 §5.3, client side: session without EMS but ServerHello with it, or session with
     * EMS but ServerHello without it: "the client MUST abort the handshake" → handshake_failure.</li>
     * </ul>
     * Never FULL_HANDSHAKE: once the server has resumed, the client cannot go back to a full one.
     */
    public static Decision client(Session session, ServerHelloFacts hello) {
        if (hello.suite() != session.cipherSuite() || !hello.version().equals(session.protocolVersion())) {
            return Decision.ABORT_SUITE_MISMATCH;
        }
        if (session.extendedMasterSecret() != hello.extendedMasterSecret()) {
            return Decision.ABORT_EXTENDED_MASTER_SECRET_MISMATCH;
        }
        return Decision.RESUME;
    }

    /**
     * Server side, after {@link #server} said RESUME: RFC 7366 §3.1 — implementations "SHOULD retain"
     * the session's encrypt-then-MAC state, and going from encrypt-then-MAC back to MAC-then-encrypt
     * is a downgrade. jtls resumes a session only with the record protection it was made with: if the
     * choice this hello and configuration lead to ({@code encryptThenMac}) differs, a full handshake
     * negotiates a new session instead (always safe; no MUST asks for an abort).
     *
     * @param encryptThenMac whether this server would negotiate encrypt-then-MAC for the session's
     *                       suite with this hello (the client offers it and the server accepts it)
     */
    public static Decision serverEncryptThenMac(Session session, boolean encryptThenMac) {
        return session.encryptThenMac() == encryptThenMac ? Decision.RESUME : Decision.FULL_HANDSHAKE;
    }

    /**
     * Client side, before sending: a session made with encrypt-then-MAC is not offered by a hello
     * that does not offer encrypt_then_mac (RFC 7366 §3.1: no downgrade to MAC-then-encrypt).
     *
     * @param offersEncryptThenMac whether the hello carries encrypt_then_mac
     */
    public static boolean clientShouldOfferEncryptThenMac(Session session, boolean offersEncryptThenMac) {
        return !session.encryptThenMac() || offersEncryptThenMac;
    }

    /**
     * Client side, on a ServerHello that resumes: RFC 7366 §3.1 — a session made with
     * encrypt-then-MAC resumed without it is a downgrade → handshake_failure. The other way (a
     * MAC-then-encrypt session resumed with encrypt-then-MAC, as servers that decide it per
     * connection may do) is the upgrade §3.1 allows, and goes on.
     *
     * @param encryptThenMac whether the ServerHello acknowledged encrypt_then_mac
     */
    public static Decision clientEncryptThenMac(Session session, boolean encryptThenMac) {
        return session.encryptThenMac() && !encryptThenMac ? Decision.ABORT_ENCRYPT_THEN_MAC_DOWNGRADE : Decision.RESUME;
    }

    /** DNS names compare case-insensitively (RFC 4343); absent on one side only is a difference. */
    private static boolean sameName(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
