package org.ortc4j.sdp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * Turns the text of an {@code a=} line into its typed {@link SdpAttribute}, or an
 * {@link UnknownAttribute} for names this library does not model.
 */
final class AttributeParser {

    private static final Map<String, Function<String, SdpAttribute>> VALUE_ATTRIBUTES = new HashMap<>();
    private static final Map<String, DirectionAttribute> DIRECTIONS = new HashMap<>();

    static {
        VALUE_ATTRIBUTES.put(CandidateAttribute.NAME, CandidateAttribute::parse);
        VALUE_ATTRIBUTES.put(ExtmapAttribute.NAME, ExtmapAttribute::parse);
        VALUE_ATTRIBUTES.put(FingerprintAttribute.NAME, FingerprintAttribute::parse);
        VALUE_ATTRIBUTES.put(FmtpAttribute.NAME, FmtpAttribute::parse);
        VALUE_ATTRIBUTES.put(GroupAttribute.NAME, GroupAttribute::parse);
        VALUE_ATTRIBUTES.put(IceOptionsAttribute.NAME, IceOptionsAttribute::parse);
        VALUE_ATTRIBUTES.put(IcePwdAttribute.NAME, IcePwdAttribute::parse);
        VALUE_ATTRIBUTES.put(IceUfragAttribute.NAME, IceUfragAttribute::parse);
        VALUE_ATTRIBUTES.put(MaxMessageSizeAttribute.NAME, MaxMessageSizeAttribute::parse);
        VALUE_ATTRIBUTES.put(MidAttribute.NAME, MidAttribute::parse);
        VALUE_ATTRIBUTES.put(MsidAttribute.NAME, MsidAttribute::parse);
        VALUE_ATTRIBUTES.put(MsidSemanticAttribute.NAME, MsidSemanticAttribute::parse);
        VALUE_ATTRIBUTES.put(RidAttribute.NAME, RidAttribute::parse);
        VALUE_ATTRIBUTES.put(RtcpAttribute.NAME, RtcpAttribute::parse);
        VALUE_ATTRIBUTES.put(RtcpFbAttribute.NAME, RtcpFbAttribute::parse);
        VALUE_ATTRIBUTES.put(RtpMapAttribute.NAME, RtpMapAttribute::parse);
        VALUE_ATTRIBUTES.put(SctpPortAttribute.NAME, SctpPortAttribute::parse);
        VALUE_ATTRIBUTES.put(SctpmapAttribute.NAME, SctpmapAttribute::parse);
        VALUE_ATTRIBUTES.put(SetupAttribute.NAME, SetupAttribute::parse);
        VALUE_ATTRIBUTES.put(SimulcastAttribute.NAME, SimulcastAttribute::parse);
        VALUE_ATTRIBUTES.put(SsrcAttribute.NAME, SsrcAttribute::parse);
        VALUE_ATTRIBUTES.put(SsrcGroupAttribute.NAME, SsrcGroupAttribute::parse);
        for (MediaDirection direction : MediaDirection.values()) {
            DIRECTIONS.put(direction.value(), new DirectionAttribute(direction));
        }
    }

    private AttributeParser() {
    }

    /**
     * Parses the text after {@code a=}.
     *
     * @throws IllegalArgumentException with the reason, if the attribute is malformed
     */
    static SdpAttribute parse(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (!SdpSyntax.isToken(name)) {
            throw new IllegalArgumentException("attribute name is not a valid token: " + SdpSyntax.quote(name));
        }
        if (colon < 0) {
            SdpAttribute property = DIRECTIONS.get(name);
            if (property == null) {
                property = PropertyAttribute.forName(name);
            }
            if (property != null) {
                return property;
            }
            if (VALUE_ATTRIBUTES.containsKey(name)) {
                throw new IllegalArgumentException("a=" + name + " needs a value");
            }
            return new UnknownAttribute(name, null);
        }
        String value = text.substring(colon + 1);
        Function<String, SdpAttribute> parser = VALUE_ATTRIBUTES.get(name);
        if (parser != null) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a=" + name + " needs a value");
            }
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad a=" + name + ": " + e.getMessage(), e);
            }
        }
        if (DIRECTIONS.containsKey(name) || PropertyAttribute.forName(name) != null) {
            throw new IllegalArgumentException("a=" + name + " takes no value");
        }
        return new UnknownAttribute(name, value);
    }
}
