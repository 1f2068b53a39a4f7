package dev.jtls.record;

import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import dev.jtls.crypto.ConstantTime;
import dev.jtls.crypto.Hmac;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-CBC with HMAC record protection: MAC-then-encrypt (RFC 5246 §6.2.3.2) or encrypt-then-MAC
 * (RFC 7366 §3). Every record carries a fresh random explicit IV (RFC 5246 §6.2.3.2).
 *
 * <p>MAC-then-encrypt opening is the Lucky 13 minefield (AlFardan and Paterson, 2013). Here nothing
 * that depends on the padding length branches or indexes memory: the padding is checked over the
 * last 256 bytes with masks, the received MAC is extracted with masks from a window of fixed size
 * (the approach of OpenSSL's {@code ssl3_cbc_copy_mac}), and after the real MAC the HMAC is fed
 * dummy input (the s2n approach) sized so that every record, whatever its padding length, makes
 * the same calls on the HMAC with the same total number of bytes, costs the same number of hash
 * compressions (exact for Merkle–Damgård hashes with the block and length-field sizes of
 * {@link dev.jtls.crypto.HashAlgorithm}), and always hashes at least one whole dummy block, so the
 * digest's multi-block path runs for every record (a dummy of less than a block skips it, which
 * was measurable). Every failure is the same bad_record_mac, decided once at the end. What remains
 * is inside the digest: how the content splits into the partial-block copies (their sizes add up
 * to nearly the same total), and for a short record whether the content alone reaches a whole block
 * after the header.
 *
 * <p>Encrypt-then-MAC checks the MAC over IV + ciphertext in constant time before decrypting
 * anything, so padding is only examined on authentic data.
 */
public final class CbcProtection implements RecordProtection {
    private static final int BLOCK = CbcAlgorithm.BLOCK_LENGTH;
    /** RFC 5246 §6.2.3.2: padding_length is one byte, so at most 255 + 1 bytes of padding. */
    private static final int MAX_PADDING = 256;

    private final CbcCipher cipher;
    private final Hmac hmac;
    private final boolean encryptThenMac;
    private final SecureRandom random;
    private final ProtocolVersion version;
    private final int macLength;
    private final int hashBlockShift;
    private final int lengthFieldBytes;
    private final byte[] iv = new byte[BLOCK];
    private final byte[] pseudoHeader = new byte[13];
    private final byte[] computedMac;
    private final byte[] receivedMac;
    private final byte[] rotatedMac;
    private final byte[] dummy;
    /** The dummy as a direct buffer, made on the first record that arrives in one. */
    private ByteBuffer directDummy;

    public CbcProtection(CbcCipher cipher, Hmac hmac, boolean encryptThenMac, SecureRandom random) {
        this.cipher = cipher;
        this.hmac = hmac;
        this.encryptThenMac = encryptThenMac;
        this.random = random;
        this.version = ProtocolVersion.TLS1_2;
        this.macLength = hmac.macLength();
        int hashBlock = hmac.algorithm().blockLength();
        this.hashBlockShift = Integer.numberOfTrailingZeros(hashBlock);
        // SHA-1/SHA-256 end with a 64-bit length, SHA-384/SHA-512 with a 128-bit one (FIPS 180-4 §5.1).
        this.lengthFieldBytes = hashBlock == 128 ? 16 : 8;
        this.computedMac = new byte[macLength];
        this.receivedMac = new byte[macLength];
        this.rotatedMac = new byte[macLength];
        // At most MAX_PADDING (the content's range) plus two blocks less one: see fedTotal.
        this.dummy = new byte[MAX_PADDING + 2 * hashBlock];
    }

    public boolean encryptThenMac() {
        return encryptThenMac;
    }

    @Override
    public int explicitPrefixLength() {
        return BLOCK;
    }

    @Override
    public int maxSuffixLength() {
        return macLength + BLOCK;
    }

    @Override
    public int maxRecordBodyLength() {
        return MAX_CIPHERTEXT;
    }

    @Override
    public int seal(long seq, ContentType type, ByteBuffer buf) {
        int start = buf.position();
        int ptStart = start + HEADER_LENGTH + BLOCK;
        int ptLength = buf.limit() - ptStart;
        if (ptLength < 0 || ptLength > MAX_PLAINTEXT) {
            throw new IllegalStateException("plaintext of " + ptLength + " bytes does not fit a record");
        }
        buf.limit(buf.capacity());
        RecordProtection.writeHeader(buf, start, type, version, 0);
        random.nextBytes(iv);
        for (int i = 0; i < BLOCK; i++) {
            buf.put(start + HEADER_LENGTH + i, iv[i]);
        }
        int bodyLength;
        if (encryptThenMac) {
            int dataLength = pad(buf, ptStart, ptLength);
            encrypt(buf, ptStart, dataLength);
            bodyLength = BLOCK + dataLength + macLength;
            mac(seq, buf, start, start + HEADER_LENGTH, BLOCK + dataLength);
            putMac(buf, ptStart + dataLength);
        } else {
            mac(seq, buf, start, ptStart, ptLength);
            putMac(buf, ptStart + ptLength);
            int dataLength = pad(buf, ptStart, ptLength + macLength);
            encrypt(buf, ptStart, dataLength);
            bodyLength = BLOCK + dataLength;
        }
        RecordProtection.writeHeader(buf, start, type, version, bodyLength);
        buf.position(start);
        buf.limit(start + HEADER_LENGTH + bodyLength);
        return HEADER_LENGTH + bodyLength;
    }

    /** Appends the smallest valid padding; returns the padded length (a multiple of the block size). */
    private static int pad(ByteBuffer buf, int at, int length) {
        int padLength = BLOCK - 1 - (length % BLOCK);
        for (int i = 0; i <= padLength; i++) {
            buf.put(at + length + i, (byte) padLength);
        }
        return length + padLength + 1;
    }

    private void encrypt(ByteBuffer buf, int at, int length) {
        buf.limit(at + length);
        buf.position(at);
        cipher.encrypt(iv, buf);
        buf.limit(buf.capacity());
    }

    /** computedMac = HMAC(seq || type || version || length || buf[at, at+length)) (RFC 5246 §6.2.3.1). */
    private void mac(long seq, ByteBuffer buf, int recordStart, int at, int length) {
        int savedLimit = buf.limit();
        RecordProtection.writePseudoHeader(pseudoHeader, seq, buf, recordStart, length);
        hmac.update(pseudoHeader, 0, pseudoHeader.length);
        buf.limit(at + length);
        buf.position(at);
        hmac.update(buf);
        buf.limit(savedLimit);
        hmac.doFinal(computedMac, 0);
    }

    private void putMac(ByteBuffer buf, int at) {
        for (int i = 0; i < macLength; i++) {
            buf.put(at + i, computedMac[i]);
        }
    }

    @Override
    public int open(long seq, ByteBuffer buf) {
        int start = buf.position();
        int end = buf.limit();
        int bodyLength = end - start - HEADER_LENGTH;
        int ivAt = start + HEADER_LENGTH;
        if (bodyLength < BLOCK) {
            throw RecordProtection.badRecordMac();
        }
        for (int i = 0; i < BLOCK; i++) {
            iv[i] = buf.get(ivAt + i);
        }
        int ptStart = ivAt + BLOCK;
        int ptLength = encryptThenMac ? openEtm(seq, buf, start, bodyLength) : openMte(seq, buf, start, bodyLength);
        if (ptLength > MAX_PLAINTEXT) {
            throw RecordProtection.overflow(ptLength);
        }
        buf.limit(ptStart + ptLength);
        buf.position(ptStart);
        return ptLength;
    }

    private int openEtm(long seq, ByteBuffer buf, int start, int bodyLength) {
        // The lengths are public: IV + at least one block + MAC, ciphertext whole blocks.
        if (bodyLength < 2 * BLOCK + macLength || (bodyLength - macLength) % BLOCK != 0) {
            throw RecordProtection.badRecordMac();
        }
        int ivAt = start + HEADER_LENGTH;
        int macAt = start + HEADER_LENGTH + bodyLength - macLength;
        // RFC 7366 §3: MAC over IV + ciphertext, checked before decryption.
        mac(seq, buf, start, ivAt, bodyLength - macLength);
        for (int i = 0; i < macLength; i++) {
            receivedMac[i] = buf.get(macAt + i);
        }
        if (!ConstantTime.equals(computedMac, 0, receivedMac, 0, macLength)) {
            throw RecordProtection.badRecordMac();
        }
        int dataStart = ivAt + BLOCK;
        int dataLength = macAt - dataStart;
        buf.limit(macAt);
        buf.position(dataStart);
        cipher.decrypt(iv, buf);
        // The data is authentic now, so looking at the padding leaks nothing an attacker made.
        int padLength = buf.get(macAt - 1) & 0xff;
        if (padLength + 1 > dataLength) {
            throw RecordProtection.badRecordMac();
        }
        int diff = 0;
        for (int i = 1; i <= padLength; i++) {
            diff |= (buf.get(macAt - 1 - i) & 0xff) ^ padLength;
        }
        if (diff != 0) {
            throw RecordProtection.badRecordMac();
        }
        return dataLength - padLength - 1;
    }

    private int openMte(long seq, ByteBuffer buf, int start, int bodyLength) {
        int minData = ((macLength + 1 + BLOCK - 1) / BLOCK) * BLOCK;
        // Public checks only: whole blocks, room for IV, MAC and the padding_length byte.
        if (bodyLength < BLOCK + minData || bodyLength % BLOCK != 0) {
            throw RecordProtection.badRecordMac();
        }
        int dataStart = start + HEADER_LENGTH + BLOCK;
        int dataLength = bodyLength - BLOCK;
        int end = dataStart + dataLength;
        buf.limit(end);
        buf.position(dataStart);
        cipher.decrypt(iv, buf);

        // RFC 5246 §6.2.3.2 padding check, in constant time over the last min(256, dataLength) bytes.
        int padLength = buf.get(end - 1) & 0xff;
        int good = geMask(dataLength, macLength + 1 + padLength);
        int toCheck = Math.min(MAX_PADDING, dataLength);
        for (int i = 0; i < toCheck; i++) {
            int mask = geMask(padLength, i);
            int b = buf.get(end - 1 - i) & 0xff;
            good &= ~(mask & (padLength ^ b));
        }
        good = eqMask(good & 0xff, 0xff);
        int padTotal = good & (padLength + 1);
        int contentLength = dataLength - macLength - padTotal;

        // The MAC over the content, then dummy input: the same calls and bytes for every padding length.
        mac(seq, buf, start, dataStart, contentLength);
        int dummyLength = fedTotal(dataLength - macLength) - contentLength;
        if (buf.isDirect()) {
            // A digest copies a direct buffer's content out byte by byte (the JDK through a temporary
            // array, Bouncy Castle through jtls's scratch): feed the dummy the same way, so the bytes
            // copied add up to the same total too. Whether the record is direct is public.
            if (directDummy == null) {
                directDummy = ByteBuffer.allocateDirect(dummy.length);
            }
            directDummy.clear().limit(dummyLength);
            hmac.update(directDummy);
        } else {
            hmac.update(dummy, 0, dummyLength);
        }
        hmac.reset();

        extractMac(buf, dataStart, dataLength, contentLength);
        boolean macOk = ConstantTime.equals(computedMac, 0, receivedMac, 0, macLength);
        if (!(macOk & good != 0)) {
            throw RecordProtection.badRecordMac();
        }
        return contentLength;
    }

    /**
     * The content plus dummy bytes T fed for every record whose content is at most {@code longest}
     * bytes. With t = 13 (pseudo-header) + 1 (the 0x80 byte) + the length field, content of L bytes
     * costs ceil((L + t) / B) inner compressions and the dummy T - L after it floor((T - L) / B);
     * when T + t is a multiple of the block size B the two add up to (T + t) / B for every L
     * (FIPS 180-4 §5.1). T is the smallest such value at least {@code longest} + B, so the dummy is
     * never shorter than one block.
     */
    private int fedTotal(int longest) {
        int tail = 13 + 1 + lengthFieldBytes;
        int block = 1 << hashBlockShift;
        return ((longest + block + tail + block - 1) >>> hashBlockShift << hashBlockShift) - tail;
    }

    /**
     * Copies the MAC at the secret offset {@code macStart} into {@link #receivedMac} without a
     * secret-dependent branch or index: scan a fixed window, collect the MAC bytes rotated, then
     * undo the rotation with masks (OpenSSL {@code ssl3_cbc_copy_mac}, with the final rotation
     * done by masking rather than by secret index).
     */
    private void extractMac(ByteBuffer buf, int dataStart, int dataLength, int macStart) {
        int macEnd = macStart + macLength;
        int scanStart = Math.max(0, dataLength - (macLength + MAX_PADDING));
        Arrays.fill(rotatedMac, (byte) 0);
        int inMac = 0;
        int rotateOffset = 0;
        int j = 0;
        for (int i = scanStart; i < dataLength; i++) {
            int started = eqMask(i, macStart);
            int ended = ltMask(i, macEnd);
            inMac |= started;
            inMac &= ended;
            rotateOffset |= j & started;
            rotatedMac[j] |= (byte) (buf.get(dataStart + i) & inMac);
            j++;
            j &= ltMask(j, macLength);
        }
        Arrays.fill(receivedMac, (byte) 0);
        for (int out = 0; out < macLength; out++) {
            int want = rotateOffset + out;
            want -= macLength & geMask(want, macLength);
            for (int k = 0; k < macLength; k++) {
                receivedMac[out] |= (byte) (rotatedMac[k] & eqMask(k, want));
            }
        }
    }

    /** -1 if a >= b else 0, for 0 <= a, b < 2^31. */
    private static int geMask(int a, int b) {
        return ~((a - b) >> 31);
    }

    /** -1 if a < b else 0, for 0 <= a, b < 2^31. */
    private static int ltMask(int a, int b) {
        return (a - b) >> 31;
    }

    /** -1 if a == b else 0. */
    private static int eqMask(int a, int b) {
        int x = a ^ b;
        return ~((x | -x) >> 31);
    }
}
