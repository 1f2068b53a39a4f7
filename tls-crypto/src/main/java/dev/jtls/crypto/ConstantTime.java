package dev.jtls.crypto;

/** Comparisons whose running time does not depend on the data compared. */
public final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * True if the arrays have the same length and contents. The time depends only on the
     * lengths, never on where the first difference is.
     */
    public static boolean equals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        return equals(a, 0, b, 0, a.length);
    }

    /** True if {@code a[aOff, aOff+len)} equals {@code b[bOff, bOff+len)}, in time that depends only on len. */
    public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
