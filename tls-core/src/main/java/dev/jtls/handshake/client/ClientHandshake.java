package dev.jtls.handshake.client;

import dev.jtls.connection.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.handshake.CipherSuite;
import dev.jtls.handshake.HandshakeOutput;
import dev.jtls.handshake.HandshakeState;
import dev.jtls.handshake.Transcript;
import dev.jtls.message.Alpn;
import dev.jtls.message.Bytes;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CompressionMethod;
import dev.jtls.message.EcPointFormats;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.RenegotiationInfo;
import dev.jtls.message.ServerNameList;
import dev.jtls.message.SessionTicket;
import dev.jtls.message.SignatureAlgorithms;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.message.SupportedGroups;
import dev.jtls.record.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client side of the TLS 1.2 handshake (RFC 5246 §7.3): {@link #start} sends the ClientHello
 * and returns the first state; each state then takes the server's messages and returns the next
 * (ExpectServerHello, ExpectCertificate, ExpectServerKeyExchange, ExpectCertificateRequestOrDone,
 * ExpectServerHelloDone, ExpectNewSessionTicket, ExpectChangeCipherSpec, ExpectFinished, Connected).
 */
public final class ClientHandshake {
    private ClientHandshake() {
    }

    /** A client connection to {@code serverName} (may be null, or an IP address literal). */
    public static TlsConnection connection(TlsConfig config, String serverName) {
        return new TlsConnection(config.limits(), out -> start(config, serverName, out));
    }

    /**
     * Sends the ClientHello and returns the state that waits for the ServerHello.
     *
     * @param serverName the host the application connects to: sent as SNI when it is a DNS name
     *                   (RFC 6066 §3: never an IP literal) and checked against the certificate;
     *                   null for neither
     */
    public static HandshakeState start(TlsConfig config, String serverName, HandshakeOutput out) {
        String sni = sniName(serverName);
        ClientHello hello = clientHello(config, sni, config.random());
        Transcript transcript = new Transcript();
        byte[] encoded = hello.encodeWithHeader();
        transcript.add(encoded);
        out.sendHandshake(encoded);
        return new ExpectServerHello(new ClientContext(config, sni, serverName, hello), transcript);
    }

    /** RFC 5246 §7.4.1.2 and the extensions STATES.md lists, in one fixed order. */
    static ClientHello clientHello(TlsConfig config, String sni, java.security.SecureRandom random) {
        byte[] clientRandom = new byte[ClientHello.RANDOM_LENGTH];
        random.nextBytes(clientRandom);
        List<CipherSuiteId> suites = new ArrayList<>();
        boolean ecdhe = false;
        boolean cbc = false;
        for (CipherSuite s : config.cipherSuites()) {
            suites.add(CipherSuiteId.of(s.code()));
            ecdhe |= s.keyExchange() == CipherSuite.KeyExchange.ECDHE;
            cbc |= s.protection() instanceof CipherSuite.Cbc;
        }
        ClientHelloExtensions.Builder x = ClientHelloExtensions.builder();
        if (sni != null) {
            x.serverName(ServerNameList.ofHostName(sni));
        }
        if (ecdhe) {
            // RFC 8422 §5.1: a client offering ECC suites sends supported_groups and ec_point_formats.
            List<NamedGroupId> groups = new ArrayList<>();
            for (NamedGroup g : config.groups()) {
                groups.add(NamedGroupId.of(g));
            }
            x.supportedGroups(new SupportedGroups(groups));
            x.ecPointFormats(EcPointFormats.UNCOMPRESSED_ONLY);
        }
        List<SignatureSchemeId> schemes = new ArrayList<>();
        for (SignatureScheme s : config.signatureSchemes()) {
            schemes.add(SignatureSchemeId.of(s));
        }
        x.signatureAlgorithms(new SignatureAlgorithms(schemes));
        if (!config.alpnProtocols().isEmpty()) {
            x.alpn(Alpn.of(config.alpnProtocols().toArray(new String[0])));
        }
        // RFC 7627 §5.1: always offered; jtls never resumes a session without it.
        x.extendedMasterSecret(true);
        if (cbc) {
            // RFC 7366 §2: only meaningful with a CBC suite.
            x.encryptThenMac(true);
        }
        if (config.sessionTickets()) {
            // RFC 5077 §3.2: an empty ticket asks the server for one.
            x.sessionTicket(SessionTicket.EMPTY);
        }
        // RFC 5746 §3.4: the initial handshake sends an empty renegotiation_info (instead of the SCSV).
        x.renegotiationInfo(RenegotiationInfo.INITIAL);
        return new ClientHello(ProtocolVersion.TLS1_2, Bytes.of(clientRandom), Bytes.EMPTY, suites,
                List.of(CompressionMethod.NULL), x.build());
    }

    /**
     * RFC 6066 §3: HostName is a DNS name without a trailing dot; "Literal IPv4 and IPv6 addresses
     * are not permitted". Null when there is no name to send.
     */
    static String sniName(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return null;
        }
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
            return null;
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
