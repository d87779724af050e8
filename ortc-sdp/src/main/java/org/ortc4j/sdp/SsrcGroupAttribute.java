package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=ssrc-group:<semantics> <ssrc> ...}: sources that belong together (RFC 5576 §4.2),
 * such as {@code FID} (a media source and its RTX repair source, RFC 4588) or {@code SIM}.
 *
 * @param semantics the group semantics
 * @param ssrcs the sources, in order; at least one
 */
public record SsrcGroupAttribute(String semantics, List<Long> ssrcs) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "ssrc-group";

    public SsrcGroupAttribute {
        SdpSyntax.requireToken(semantics, "ssrc-group semantics");
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.isEmpty()) {
            throw new IllegalArgumentException("ssrc-group needs at least one ssrc");
        }
        ssrcs.forEach(SsrcAttribute::checkSsrc);
    }

    /** Reads the text after {@code a=ssrc-group:}. */
    public static SsrcGroupAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() < 2) {
            throw new IllegalArgumentException("ssrc-group must be <semantics> <ssrc> ...");
        }
        List<Long> ssrcs = new ArrayList<>(fields.size() - 1);
        for (String field : fields.subList(1, fields.size())) {
            ssrcs.add(SdpSyntax.parseLong(field, 0, SsrcAttribute.MAX_SSRC, "ssrc-group ssrc"));
        }
        return new SsrcGroupAttribute(fields.get(0), ssrcs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        StringBuilder text = new StringBuilder(semantics);
        for (long ssrc : ssrcs) {
            text.append(' ').append(ssrc);
        }
        return text.toString();
    }
}
