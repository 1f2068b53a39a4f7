package dev.jtls.message;

import dev.jtls.record.TlsAlertException;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.util.List;

/** RFC 8422 §5.1.1 supported_groups: {@code NamedGroup named_group_list<2..2^16-1>}. */
public record SupportedGroups(List<NamedGroupId> groups) {
    public static final ExtensionType TYPE = ExtensionType.SUPPORTED_GROUPS;

    public SupportedGroups {
        groups = List.copyOf(groups);
        Wire.require(!groups.isEmpty() && groups.size() <= 0x7fff, "named_group_list size");
    }

    public static SupportedGroups decode(TlsReader r) {
        TlsReader list = r.vector16("named_group_list", 2, 0xffff);
        r.expectEnd("supported_groups");
        if (list.remaining() % 2 != 0) {
            throw new TlsAlertException(InvalidMessage.BAD_LENGTH, "named_group_list: odd length " + list.remaining());
        }
        return new SupportedGroups(Wire.items(list, NamedGroupId::decode));
    }

    public void encode(TlsWriter w) {
        w.lengthPrefixed16(x -> Wire.items(x, groups, NamedGroupId::encode));
    }

    /** RFC 8422 §5.1.2: whether this offer makes the uncompressed-point rule apply. */
    boolean offersRfc8422Curve() {
        return groups.stream().anyMatch(NamedGroupId::isRfc8422Curve);
    }
}
