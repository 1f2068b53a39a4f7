package dev.jtls.crypto.jca;

import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Raw AES-CBC ("AES/CBC/NoPadding"), one Cipher per direction, re-initialised per record with
 * that record's IV. For heap buffers the cipher writes into a reused scratch array that is then
 * copied back: handed the same array as input and output, the JDK copies the whole input first
 * (16.6 KB allocated per 16 KiB record in benchmarks/RESULTS.md), while a 16 KiB arraycopy costs
 * about a microsecond and allocates nothing.
 */
final class JcaCbc implements CbcCipher {
    private static final int BLOCK = CbcAlgorithm.BLOCK_LENGTH;

    private final CbcAlgorithm algorithm;
    private final Cipher encryptor;
    private final Cipher decryptor;
    private final SecretKeySpec key;
    private byte[] scratch = new byte[0];

    JcaCbc(CbcAlgorithm algorithm, Cipher encryptor, Cipher decryptor, SecretKeySpec key) {
        this.algorithm = algorithm;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
        this.key = key;
    }

    @Override
    public CbcAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void encrypt(byte[] iv, ByteBuffer buf) {
        run(encryptor, Cipher.ENCRYPT_MODE, iv, buf);
    }

    @Override
    public void decrypt(byte[] iv, ByteBuffer buf) {
        run(decryptor, Cipher.DECRYPT_MODE, iv, buf);
    }

    private void run(Cipher cipher, int mode, byte[] iv, ByteBuffer buf) {
        if (iv.length != BLOCK) {
            throw new IllegalArgumentException("CBC IV must be " + BLOCK + " bytes");
        }
        if (buf.remaining() % BLOCK != 0) {
            throw new IllegalArgumentException("CBC input must be a multiple of " + BLOCK + " bytes");
        }
        try {
            cipher.init(mode, key, new IvParameterSpec(iv));
            if (!buf.hasArray()) {
                cipher.doFinal(buf.duplicate(), buf.duplicate());
                return;
            }
            int len = buf.remaining();
            if (scratch.length < len) {
                scratch = new byte[len];
            }
            int off = buf.arrayOffset() + buf.position();
            int n = cipher.doFinal(buf.array(), off, len, scratch, 0);
            System.arraycopy(scratch, 0, buf.array(), off, n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC failed", e);
        }
    }
}
