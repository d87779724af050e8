package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=group:<semantics> <mid> ...}: groups media sections by their mids (RFC 5888 §5), for
 * WebRTC chiefly {@code BUNDLE} (RFC 8843 §7.1) and the legacy lip-sync group {@code LS}.
 *
 * @param semantics the group semantics, such as {@code BUNDLE}
 * @param mids the identification tags of the grouped sections, in order
 */
public record GroupAttribute(String semantics, List<String> mids) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "group";

    /** The semantics of RFC 8843 BUNDLE groups. */
    public static final String BUNDLE = "BUNDLE";

    public GroupAttribute {
        SdpSyntax.requireToken(semantics, "group semantics");
        mids = List.copyOf(mids);
        for (String mid : mids) {
            SdpSyntax.requireToken(mid, "mid in group");
        }
    }

    /** Reads the text after {@code a=group:}. */
    public static GroupAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("group needs its semantics");
        }
        return new GroupAttribute(fields.get(0), fields.subList(1, fields.size()));
    }

    /** Whether this is a BUNDLE group. */
    public boolean isBundle() {
        return BUNDLE.equals(semantics);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return mids.isEmpty() ? semantics : semantics + ' ' + String.join(" ", mids);
    }
}
