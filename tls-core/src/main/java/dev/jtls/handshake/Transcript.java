package dev.jtls.handshake;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.record.HandshakeFrame;
import java.util.Arrays;
import java.util.Objects;

/**
 * The running handshake transcript (RFC 5246 §7.4.9 handshake_messages; RFC 7627 §3 session_hash).
 *
 * <p>The hash is the PRF hash of the negotiated suite, known only after ServerHello, yet ClientHello
 * must be hashed too. So the transcript starts by buffering the raw messages; {@link #selectHash}
 * feeds the buffer into one {@link Digest}, which then runs on every later message. {@link #hash()}
 * gives the hash so far from a copy of the running state, so it can be taken any number of times
 * (Finished, CertificateVerify, the EMS session hash) without disturbing the transcript.
 *
 * <p>TLS 1.2 CertificateVerify signs the handshake_messages themselves, with the signature scheme's
 * own hash (RFC 5246 §7.4.8), not the PRF hash. So the raw bytes stay buffered after the hash is
 * selected until {@link #releaseRaw()} is called, which the state machines do as soon as a
 * CertificateVerify has been handled or can no longer come: the server right after ClientHello when
 * it will not ask for a certificate, or after the client's CertificateVerify; the client at
 * ServerHelloDone when there was no CertificateRequest, or after sending its CertificateVerify.
 * The buffer is bounded by the handshake message limits (each message is capped by the
 * reassembler, and a handshake has at most a dozen messages). Not thread-safe.
 *
 * <p>Messages are the exact bytes as sent or received, 4-byte header included
 * ({@link HandshakeFrame#raw()}); HelloRequest is never added (RFC 5246 §7.4.1.1).
 */
public final class Transcript {
    private byte[] raw = new byte[512];
    private int rawLength;
    private boolean rawReleased;
    private Digest digest;
    private long totalLength;

    /** An empty transcript, buffering until the hash is known. */
    public Transcript() {
    }

    private Transcript(Transcript other) {
        this.raw = other.rawReleased ? null : Arrays.copyOf(other.raw, other.raw.length);
        this.rawLength = other.rawLength;
        this.rawReleased = other.rawReleased;
        this.digest = other.digest == null ? null : other.digest.copy();
        this.totalLength = other.totalLength;
    }

    /** Appends one whole handshake message (header included). */
    public void add(byte[] message) {
        add(message, 0, message.length);
    }

    public void add(HandshakeFrame frame) {
        add(frame.raw());
    }

    public void add(byte[] message, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, message.length);
        totalLength += length;
        if (digest != null) {
            digest.update(message, offset, length);
        }
        if (!rawReleased) {
            if (length > raw.length - rawLength) {
                raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLength + length));
            }
            System.arraycopy(message, offset, raw, rawLength, length);
            rawLength += length;
        }
    }

    /**
     * Chooses the hash once the suite is known (after ServerHello) and hashes what was buffered.
     * The raw bytes stay available until {@link #releaseRaw()}.
     *
     * @throws IllegalStateException if a hash was already selected or the raw bytes were released
     */
    public void selectHash(CryptoProvider provider, HashAlgorithm hash) {
        if (digest != null) {
            throw new IllegalStateException("transcript hash already selected");
        }
        if (rawReleased) {
            throw new IllegalStateException("raw messages released before the hash was selected");
        }
        Digest d = provider.newDigest(hash);
        d.update(raw, 0, rawLength);
        digest = d;
    }

    public boolean hashSelected() {
        return digest != null;
    }

    /** The selected hash algorithm. */
    public HashAlgorithm hashAlgorithm() {
        requireDigest();
        return digest.algorithm();
    }

    /** Hash(handshake_messages so far); the transcript keeps running. */
    public byte[] hash() {
        requireDigest();
        return digest.copy().digest();
    }

    /**
     * The handshake_messages so far, for a TLS 1.2 CertificateVerify (RFC 5246 §7.4.8).
     *
     * @throws IllegalStateException if {@link #releaseRaw()} was called
     */
    public byte[] rawMessages() {
        if (rawReleased) {
            throw new IllegalStateException("raw handshake messages were released (no client authentication)");
        }
        return Arrays.copyOf(raw, rawLength);
    }

    /** True while {@link #rawMessages()} is available. */
    public boolean keepsRaw() {
        return !rawReleased;
    }

    /** Total bytes of handshake messages added so far. */
    public long length() {
        return totalLength;
    }

    /**
     * Drops the raw messages: no CertificateVerify will need them any more. Only after the hash is
     * selected, because before that the buffer is the only record of the messages.
     */
    public void releaseRaw() {
        requireDigest();
        rawReleased = true;
        raw = null;
        rawLength = 0;
    }

    /** An independent copy: adding to one does not change the other. */
    public Transcript fork() {
        return new Transcript(this);
    }

    private void requireDigest() {
        if (digest == null) {
            throw new IllegalStateException("transcript hash not selected yet (it is the suite's PRF hash)");
        }
    }

    @Override
    public String toString() {
        return "Transcript[" + (digest == null ? "unhashed" : digest.algorithm()) + ", "
                + (rawReleased ? "raw released" : rawLength + " raw bytes") + "]";
    }
}
