package dev.jtls.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a hello's extension builder keeps besides its typed fields: the order the extensions go on
 * the wire (the order their setters were first called) and the extensions jtls does not interpret.
 */
final class ExtensionOrder {
    private final List<UnknownExtension> unknown = new ArrayList<>();
    private final Set<ExtensionType> order = new LinkedHashSet<>();

    /** Puts {@code type} in the order (at its first place) when present, takes it out when not. */
    void mark(ExtensionType type, boolean present) {
        if (present) {
            order.add(type);
        } else {
            order.remove(type);
        }
    }

    /** Adds an extension jtls does not interpret; its type must have no typed field ({@code handled}). */
    void unknown(UnknownExtension v, List<ExtensionType> handled) {
        Wire.require(!handled.contains(v.type()), v.type() + " has a typed field");
        Wire.require(order.add(v.type()), "duplicate extension " + v.type());
        unknown.add(v);
    }

    List<UnknownExtension> unknown() {
        return List.copyOf(unknown);
    }

    List<ExtensionType> order() {
        return List.copyOf(order);
    }
}
