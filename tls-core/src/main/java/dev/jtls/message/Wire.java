package dev.jtls.message;

import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Small codec helpers shared by the messages and extensions of this package. */
final class Wire {
    private Wire() {
    }

    /** Reads items until {@code vector} is exhausted (the vector's length already bounds the count). */
    static <T> List<T> items(TlsReader vector, Function<TlsReader, T> item) {
        List<T> out = new ArrayList<>();
        while (vector.hasRemaining()) {
            out.add(item.apply(vector));
        }
        return Collections.unmodifiableList(out);
    }

    static <T> void items(TlsWriter w, List<T> items, BiConsumer<T, TlsWriter> encoder) {
        for (T t : items) {
            encoder.accept(t, w);
        }
    }

    static Bytes opaque8(TlsReader r, String what, int min, int max) {
        return Bytes.adopt(r.opaque8(what, min, max));
    }

    static Bytes opaque16(TlsReader r, String what, int min, int max) {
        return Bytes.adopt(r.opaque16(what, min, max));
    }

    static Bytes opaque24(TlsReader r, String what, int min, int max) {
        return Bytes.adopt(r.opaque24(what, min, max));
    }

    static void opaque8(TlsWriter w, Bytes b) {
        w.lengthPrefixed8(b::writeTo);
    }

    static void opaque16(TlsWriter w, Bytes b) {
        w.lengthPrefixed16(b::writeTo);
    }

    static void opaque24(TlsWriter w, Bytes b) {
        w.lengthPrefixed24(b::writeTo);
    }

    /** The rest of the reader as bytes. */
    static Bytes rest(TlsReader r, String what) {
        return Bytes.adopt(r.bytes(r.remaining(), what));
    }

    /** For constructors: a value that cannot be encoded is the caller's bug. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
