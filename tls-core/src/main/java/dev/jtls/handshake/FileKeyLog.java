package dev.jtls.handshake;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * An NSS key log file ({@link KeyLog}): appends one line per session. There is no user-space
 * buffer: each whole line is handed to the OS in one locked write, so a reader (Wireshark) sees it
 * as soon as the session logs it, and lines of concurrent connections never interleave. A new file is created readable and writable by its
 * owner only where the file system has POSIX permissions; an existing file is appended to as is.
 *
 * <p>Write errors do not reach the handshake ({@link KeyLog} must not throw): the first one is kept
 * for {@link #lastError()} and later lines are still attempted.
 */
public final class FileKeyLog implements KeyLog, Closeable {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final FileChannel channel;
    private IOException lastError;

    FileKeyLog(Path file) throws IOException {
        this.file = file;
        createOwnerOnly(file);
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Appending to an existing key log is the SSLKEYLOGFILE convention; its permissions are the owner's choice.
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void logMasterSecret(byte[] clientRandom, byte[] masterSecret) {
        byte[] line = asciiLine(clientRandom, masterSecret);
        Arrays.fill(masterSecret, (byte) 0);
        try {
            synchronized (this) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                if (lastError == null) {
                    lastError = e;
                }
            }
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    /** The line as bytes, built without a String so that it can be zeroed after the write. */
    private static byte[] asciiLine(byte[] clientRandom, byte[] masterSecret) {
        if (clientRandom.length != MasterSecret.RANDOM_LENGTH || masterSecret.length != MasterSecret.LENGTH) {
            throw new IllegalArgumentException("CLIENT_RANDOM takes a 32-byte random and a 48-byte secret");
        }
        byte[] label = "CLIENT_RANDOM ".getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[label.length + 64 + 1 + 96 + 1];
        System.arraycopy(label, 0, line, 0, label.length);
        int at = hex(line, label.length, clientRandom);
        line[at++] = ' ';
        at = hex(line, at, masterSecret);
        line[at] = '\n';
        return line;
    }

    private static int hex(byte[] out, int at, byte[] bytes) {
        for (byte b : bytes) {
            out[at++] = (byte) Character.forDigit((b >> 4) & 0xf, 16);
            out[at++] = (byte) Character.forDigit(b & 0xf, 16);
        }
        return at;
    }

    /** The first write error, or null. */
    public synchronized IOException lastError() {
        return lastError;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "FileKeyLog[" + file + "]";
    }
}
