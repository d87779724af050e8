package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<parameter>]}: an RTCP feedback message the
 * receiver understands (RFC 4585 §4.2), such as {@code nack}, {@code nack pli},
 * {@code ccm fir}, {@code goog-remb} or {@code transport-cc}.
 *
 * @param payloadType the payload type it applies to, or {@link #WILDCARD} for {@code *}
 * @param type the feedback type
 * @param parameter the feedback parameter (the rest of the line), or {@code null}
 */
public record RtcpFbAttribute(int payloadType, String type, String parameter) implements SdpAttribute {

    /** The attribute name, {@value}. */
    public static final String NAME = "rtcp-fb";

    /** The payload type value that stands for {@code *}: every payload type. */
    public static final int WILDCARD = -1;

    public RtcpFbAttribute {
        if (payloadType != WILDCARD) {
            RtpMapAttribute.checkPayloadType(payloadType);
        }
        SdpSyntax.requireToken(type, "rtcp-fb type");
        if (parameter != null && parameter.isEmpty()) {
            throw new IllegalArgumentException("rtcp-fb parameter is empty");
        }
    }

    /** Reads the text after {@code a=rtcp-fb:}. */
    public static RtcpFbAttribute parse(String value) {
        List<String> fields = SdpSyntax.fields(value);
        if (fields.size() < 2) {
            throw new IllegalArgumentException("rtcp-fb must be <payload type> <type> [<parameter>]");
        }
        int payloadType = "*".equals(fields.get(0))
                ? WILDCARD : SdpSyntax.parseInt(fields.get(0), 0, 127, "rtcp-fb payload type");
        String parameter = fields.size() > 2 ? String.join(" ", fields.subList(2, fields.size())) : null;
        return new RtcpFbAttribute(payloadType, fields.get(1), parameter);
    }

    /** Whether this applies to every payload type ({@code a=rtcp-fb:* ...}). */
    public boolean isWildcard() {
        return payloadType == WILDCARD;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        String pt = payloadType == WILDCARD ? "*" : Integer.toString(payloadType);
        return parameter == null ? pt + ' ' + type : pt + ' ' + type + ' ' + parameter;
    }
}
