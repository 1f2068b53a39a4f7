package dev.jtls.message;

import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/**
 * RFC 5246 §7.4.1.3 ServerHello: {@code ProtocolVersion server_version; Random random;
 * SessionID session_id; CipherSuite cipher_suite; CompressionMethod compression_method;}
 * plus an optional extensions block ({@code extensions} null when absent, as in {@link ClientHello}).
 * Whether the suite, compression and extensions were offered is the client state machine's check.
 */
public record ServerHello(ProtocolVersion serverVersion, Bytes random, Bytes sessionId, CipherSuiteId cipherSuite,
                          CompressionMethod compressionMethod, ServerHelloExtensions extensions)
        implements HandshakeMessage {

    public ServerHello {
        Wire.require(random.length() == ClientHello.RANDOM_LENGTH, "random must be 32 bytes");
        Wire.require(sessionId.length() <= ClientHello.MAX_SESSION_ID_LENGTH, "session_id too long");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    /** The extensions, or {@link ServerHelloExtensions#EMPTY} if no block was sent. */
    public ServerHelloExtensions extensionsOrEmpty() {
        return extensions == null ? ServerHelloExtensions.EMPTY : extensions;
    }

    public static ServerHello decode(TlsReader r) {
        ProtocolVersion version = ProtocolVersion.decode(r, "server_version");
        Bytes random = Bytes.adopt(r.bytes(ClientHello.RANDOM_LENGTH, "random"));
        Bytes sessionId = Wire.opaque8(r, "session_id", 0, ClientHello.MAX_SESSION_ID_LENGTH);
        CipherSuiteId suite = CipherSuiteId.decode(r);
        CompressionMethod compression = CompressionMethod.decode(r);
        ServerHelloExtensions extensions = null;
        if (r.hasRemaining()) {
            extensions = ServerHelloExtensions.decode(r);
        }
        r.expectEnd("ServerHello");
        return new ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    @Override
    public void encode(TlsWriter w) {
        serverVersion.encode(w);
        random.writeTo(w);
        Wire.opaque8(w, sessionId);
        cipherSuite.encode(w);
        compressionMethod.encode(w);
        if (extensions != null) {
            extensions.encode(w);
        }
    }
}
