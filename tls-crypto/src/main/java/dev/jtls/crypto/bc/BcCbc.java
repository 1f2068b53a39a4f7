package dev.jtls.crypto.bc;

import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CbcCipher;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Raw AES-CBC (NIST SP 800-38A §6.2) chained here over two keyed Bouncy Castle AES engines, one
 * per direction. Bouncy Castle's CBCBlockCipher can only take a new IV together with a fresh
 * ParametersWithIV (and re-keys unless handed a null key), so chaining the blocks ourselves keeps
 * the per-record path free of allocation: three 16-byte scratch blocks serve every call.
 */
final class BcCbc implements CbcCipher {
    private static final int BLOCK = CbcAlgorithm.BLOCK_LENGTH;

    private final CbcAlgorithm algorithm;
    private final AESEngine encryptor = new AESEngine();
    private final AESEngine decryptor = new AESEngine();
    private final byte[] chain = new byte[BLOCK];
    private final byte[] block = new byte[BLOCK];
    private final byte[] plain = new byte[BLOCK];

    BcCbc(CbcAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        KeyParameter k = new KeyParameter(key);
        encryptor.init(true, k);
        decryptor.init(false, k);
    }

    @Override
    public CbcAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void encrypt(byte[] iv, ByteBuffer buf) {
        int pos = check(iv, buf);
        int end = buf.limit();
        System.arraycopy(iv, 0, chain, 0, BLOCK);
        for (int at = pos; at < end; at += BLOCK) {
            // C_i = E(K, P_i xor C_{i-1}), C_0 = IV
            buf.get(at, block, 0, BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                block[i] ^= chain[i];
            }
            encryptor.processBlock(block, 0, chain, 0);
            buf.put(at, chain, 0, BLOCK);
        }
    }

    @Override
    public void decrypt(byte[] iv, ByteBuffer buf) {
        int pos = check(iv, buf);
        int end = buf.limit();
        System.arraycopy(iv, 0, chain, 0, BLOCK);
        for (int at = pos; at < end; at += BLOCK) {
            // P_i = D(K, C_i) xor C_{i-1}; C_i is kept before it is overwritten in place.
            buf.get(at, block, 0, BLOCK);
            decryptor.processBlock(block, 0, plain, 0);
            for (int i = 0; i < BLOCK; i++) {
                plain[i] ^= chain[i];
            }
            buf.put(at, plain, 0, BLOCK);
            System.arraycopy(block, 0, chain, 0, BLOCK);
        }
    }

    private static int check(byte[] iv, ByteBuffer buf) {
        if (iv.length != BLOCK) {
            throw new IllegalArgumentException("CBC IV must be " + BLOCK + " bytes");
        }
        if (buf.remaining() % BLOCK != 0) {
            throw new IllegalArgumentException("CBC input must be a multiple of " + BLOCK + " bytes");
        }
        return buf.position();
    }
}
