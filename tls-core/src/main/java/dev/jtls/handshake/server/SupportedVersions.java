package dev.jtls.handshake.server;

import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.ExtensionType;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.UnknownExtension;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The ClientHello's supported_versions (RFC 8446 §4.2.1), which a TLS 1.3 client sends with
 * legacy_version (3,3). When present it, not client_version, says which versions the client
 * speaks: "servers MUST only select a version of TLS present in that extension". A list without
 * TLS 1.2 (a TLS 1.3-only client) leaves this server nothing to select: protocol_version, as
 * RFC 5246 Appendix E.1 says for a server that supports only versions the client does not (and
 * as OpenSSL answers).
 */
final class SupportedVersions {
    private SupportedVersions() {
    }

    /**
     * @throws TlsAlertException protocol_version if supported_versions is present, well formed and
     *                           lacks TLS 1.2
     */
    static void check(ClientHelloExtensions ext) {
        List<ProtocolVersion> versions = offered(ext);
        if (versions == null || versions.contains(ProtocolVersion.TLS1_2)) {
            return;
        }
        boolean only13 = versions.stream().allMatch(v -> v.wire() > ProtocolVersion.TLS1_2.wire());
        throw new TlsAlertException((only13 ? PeerIncompatible.ONLY_TLS13 : PeerIncompatible.NO_COMMON_VERSION), (only13 ? "the client offers only TLS 1.3"
                : "the client offers none of the versions this server speaks") + " (supported_versions " + versions
                + "); this server speaks TLS 1.2 only");
    }

    /**
     * The versions listed, or null if the extension is absent or not well formed (a TLS 1.2 server
     * that ignores the extension, as RFC 5246 §7.4.1.4 lets it, behaves as before).
     */
    static List<ProtocolVersion> offered(ClientHelloExtensions ext) {
        for (UnknownExtension u : ext.unknown()) {
            if (!u.type().equals(ExtensionType.SUPPORTED_VERSIONS)) {
                continue;
            }
            try {
                // RFC 8446 §4.2.1: ProtocolVersion versions<2..254>;
                return TlsReader.readAll(u.data().toByteArray(), "supported_versions", r -> {
                    TlsReader list = r.vector8("supported_versions", 2, 254);
                    List<ProtocolVersion> out = new ArrayList<>();
                    while (list.hasRemaining()) {
                        out.add(ProtocolVersion.decode(list, "supported_versions"));
                    }
                    return out;
                });
            } catch (TlsAlertException malformed) {
                return null;
            }
        }
        return null;
    }
}
