package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reading and writing the {@code Extension extensions<0..2^16-1>} block of a hello (RFC 5246 §7.4.1.4). */
final class ExtensionBlock {
    private ExtensionBlock() {
    }

    /** One extension as received: its type and a reader over exactly its extension_data. */
    record Entry(ExtensionType type, TlsReader data) {
    }

    /**
     * Reads the block: every extension's length must fit inside the block and the block must be
     * used up exactly (a disagreement is decode_error, tlsfuzzer test-extensions.py "fuzz ext
     * length"). A second extension of a type already seen is illegal_parameter: RFC 5246 §7.4.1.4
     * "There MUST NOT be more than one extension of the same type" names no alert; jtls follows
     * OpenSSL and BoringSSL with illegal_parameter.
     */
    static List<Entry> read(TlsReader r, String hello) {
        TlsReader block = r.vector16(hello + " extensions", 0, 0xffff);
        Set<Integer> seen = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        while (block.hasRemaining()) {
            ExtensionType type = ExtensionType.decode(block);
            TlsReader data = block.vector16(type + " extension_data", 0, 0xffff);
            if (!seen.add(type.code())) {
                throw new TlsAlertException(InvalidMessage.DUPLICATE_EXTENSION, hello + ": more than one " + type + " extension");
            }
            out.add(new Entry(type, data));
        }
        return out;
    }

    /** Decodes an extension body with {@code decoder}, which must consume it all. */
    static <T> T decode(Entry e, Function<TlsReader, T> decoder) {
        return e.data().readAll(e.type().toString(), decoder);
    }

    /** An extension whose extension_data must be empty; anything inside is decode_error. */
    static boolean empty(Entry e) {
        e.data().expectEnd(e.type().toString());
        return true;
    }

    static void write(TlsWriter w, ExtensionType type, Consumer<TlsWriter> body) {
        type.encode(w);
        w.lengthPrefixed16(body);
    }

    /**
     * Writes the block in {@code order}: a type with a typed field gets the body {@code known}
     * gives for it, any other type the next of {@code unknown} (they are in the same order).
     */
    static void encode(TlsWriter w, List<ExtensionType> order, List<UnknownExtension> unknown,
                       Function<ExtensionType, Consumer<TlsWriter>> known) {
        w.lengthPrefixed16(x -> {
            int u = 0;
            for (ExtensionType t : order) {
                Consumer<TlsWriter> body = known.apply(t);
                write(x, t, body != null ? body : unknown.get(u++)::encode);
            }
        });
    }

    /**
     * Checks a hello's extensions: {@code fields} are its typed fields in the order of
     * {@code handled}, each null (or false) when the extension is absent; {@code order} must list
     * exactly the present ones and the unknown ones.
     */
    static void checkFields(List<ExtensionType> order, List<UnknownExtension> unknown, List<ExtensionType> handled,
                            Object... fields) {
        List<ExtensionType> present = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null && !Boolean.FALSE.equals(fields[i])) {
                present.add(handled.get(i));
            }
        }
        checkOrder(order, present, unknown, handled);
    }

    /** Checks that {@code order} lists exactly {@code present} plus the unknown types, each once. */
    private static void checkOrder(List<ExtensionType> order, List<ExtensionType> present, List<UnknownExtension> unknown,
                           List<ExtensionType> handled) {
        Set<ExtensionType> seen = new HashSet<>();
        for (ExtensionType t : order) {
            Wire.require(seen.add(t), "extension " + t + " listed twice in order");
        }
        Wire.require(order.size() == present.size() + unknown.size(), "order does not list exactly the extensions held");
        Wire.require(seen.containsAll(present), "order misses a present extension");
        int u = 0;
        for (ExtensionType t : order) {
            if (!present.contains(t)) {
                Wire.require(u < unknown.size() && unknown.get(u).type().equals(t),
                        "unknown extensions must appear in order in the same order as in the list");
                u++;
            }
        }
        for (UnknownExtension x : unknown) {
            Wire.require(!handled.contains(x.type()), "an extension with a typed field may not be kept as unknown: " + x.type());
        }
    }
}
