package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=msid-semantic:<semantic> <id> ...}: the session-level declaration of WebRTC media
 * streams from the msid drafts, still sent by Chromium ({@code a=msid-semantic: WMS id}) and
 * aiortc ({@code a=msid-semantic:WMS *}) although RFC 8830 dropped it.
 *
 * <p>Stacks disagree on whether a space follows the colon, so this attribute keeps its text
 * verbatim and parses it on demand.
 *
 * @param text the text after {@code a=msid-semantic:}, as written
 */
public record MsidSemanticAttribute(String text) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "msid-semantic";

    public MsidSemanticAttribute {
        List<String> fields = SdpSyntax.fields(text);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("msid-semantic needs a semantic such as WMS");
        }
        SdpSyntax.requireToken(fields.get(0), "msid semantic");
    }

    /** The attribute Chromium writes: {@code a=msid-semantic: <semantic> <ids>}. */
    public static MsidSemanticAttribute of(String semantic, List<String> identifiers) {
        StringBuilder text = new StringBuilder(" ").append(semantic);
        for (String id : identifiers) {
            text.append(' ').append(SdpSyntax.requireNonWs(id, "msid identifier"));
        }
        return new MsidSemanticAttribute(text.toString());
    }

    /** Reads the text after {@code a=msid-semantic:}. */
    public static MsidSemanticAttribute parse(String value) {
        return new MsidSemanticAttribute(value);
    }

    /** The semantic, normally {@code WMS}. */
    public String semantic() {
        return SdpSyntax.fields(text).get(0);
    }

    /** The media stream identifiers after the semantic ({@code *} means all). */
    public List<String> identifiers() {
        List<String> fields = SdpSyntax.fields(text);
        return List.copyOf(fields.subList(1, fields.size()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        return text;
    }
}
