package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/**
 * RFC 5246 §7.4.1.2 ClientHello:
 * <pre>
 * ProtocolVersion client_version; Random random (32 bytes); SessionID session_id (opaque&lt;0..32&gt;);
 * CipherSuite cipher_suites&lt;2..2^16-2&gt;; CompressionMethod compression_methods&lt;1..2^8-1&gt;;
 * select (extensions_present) { case false: struct {}; case true: Extension extensions&lt;0..2^16-1&gt;; }
 * </pre>
 * {@code extensions} is null when the hello has no extensions block at all (legal, RFC 5246
 * §7.4.1.2: "the presence of extensions can be detected by determining whether there are bytes
 * following the compression_methods"), and {@link ClientHelloExtensions#EMPTY} for an empty block;
 * use {@link #extensionsOrEmpty()} to read. The signalling suites (0x00ff, 0x5600) are just ids
 * here. The version is kept as sent: refusing old versions is the state machine's decision.
 */
public record ClientHello(ProtocolVersion clientVersion, Bytes random, Bytes sessionId,
                          List<CipherSuiteId> cipherSuites, List<CompressionMethod> compressionMethods,
                          ClientHelloExtensions extensions) implements HandshakeMessage {
    public static final int RANDOM_LENGTH = 32;
    public static final int MAX_SESSION_ID_LENGTH = 32;

    public ClientHello {
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = List.copyOf(compressionMethods);
        Wire.require(random.length() == RANDOM_LENGTH, "random must be 32 bytes");
        Wire.require(sessionId.length() <= MAX_SESSION_ID_LENGTH, "session_id too long");
        Wire.require(!cipherSuites.isEmpty() && cipherSuites.size() <= 0x7fff, "cipher_suites size");
        Wire.require(!compressionMethods.isEmpty() && compressionMethods.size() <= 0xff, "compression_methods size");
        Wire.require(compressionMethods.contains(CompressionMethod.NULL), "compression_methods must include null");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    /** The extensions, or {@link ClientHelloExtensions#EMPTY} if no block was sent. */
    public ClientHelloExtensions extensionsOrEmpty() {
        return extensions == null ? ClientHelloExtensions.EMPTY : extensions;
    }

    public boolean offers(CipherSuiteId suite) {
        return cipherSuites.contains(suite);
    }

    public static ClientHello decode(TlsReader r) {
        ProtocolVersion version = ProtocolVersion.decode(r, "client_version");
        Bytes random = Bytes.adopt(r.bytes(RANDOM_LENGTH, "random"));
        // RFC 5246 §7.4.1.2: opaque SessionID<0..32>; longer is a malformed message.
        Bytes sessionId = Wire.opaque8(r, "session_id", 0, MAX_SESSION_ID_LENGTH);
        TlsReader suites = r.vector16("cipher_suites", 2, 0xfffe);
        if (suites.remaining() % 2 != 0) {
            throw new TlsAlertException(InvalidMessage.BAD_LENGTH, "cipher_suites: odd length " + suites.remaining());
        }
        List<CipherSuiteId> cipherSuites = Wire.items(suites, CipherSuiteId::decode);
        List<CompressionMethod> compression =
                Wire.items(r.vector8("compression_methods", 1, 0xff), CompressionMethod::decode);
        ClientHelloExtensions extensions = null;
        if (r.hasRemaining()) {
            extensions = ClientHelloExtensions.decode(r);
        }
        // RFC 5246 §7.2.2 / §7.4.1.2: bytes after the extensions block are a malformed message.
        r.expectEnd("ClientHello");
        // RFC 5246 §7.4.1.2: "this vector MUST contain, and all implementations MUST support,
        // CompressionMethod.null"; tlsfuzzer test-invalid-compression-methods.py expects
        // illegal_parameter. Checked after the structure so that a malformed hello is decode_error.
        if (!compression.contains(CompressionMethod.NULL)) {
            throw new TlsAlertException(PeerMisbehaved.NO_NULL_COMPRESSION, "compression_methods does not include null");
        }
        return new ClientHello(version, random, sessionId, cipherSuites, compression, extensions);
    }

    @Override
    public void encode(TlsWriter w) {
        clientVersion.encode(w);
        random.writeTo(w);
        Wire.opaque8(w, sessionId);
        w.lengthPrefixed16(x -> Wire.items(x, cipherSuites, CipherSuiteId::encode));
        w.lengthPrefixed8(x -> Wire.items(x, compressionMethods, CompressionMethod::encode));
        if (extensions != null) {
            extensions.encode(w);
        }
    }
}
