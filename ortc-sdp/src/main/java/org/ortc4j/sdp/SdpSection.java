package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the session level and each media section have in common: an ordered list of attributes,
 * and typed ways to find the ones WebRTC reads. The lookups scan the list; sections are short.
 */
public sealed interface SdpSection permits SessionDescription, MediaDescription {

    /** Every {@code a=} line of this section, in order. */
    List<SdpAttribute> attributes();

    /** The first attribute of {@code type}, if any. */
    default <T extends SdpAttribute> Optional<T> attribute(Class<T> type) {
        for (SdpAttribute attribute : attributes()) {
            if (type.isInstance(attribute)) {
                return Optional.of(type.cast(attribute));
            }
        }
        return Optional.empty();
    }

    /** Every attribute of {@code type}, in order. */
    default <T extends SdpAttribute> List<T> attributes(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SdpAttribute attribute : attributes()) {
            if (type.isInstance(attribute)) {
                out.add(type.cast(attribute));
            }
        }
        return out;
    }

    /** The first attribute called {@code name}, typed or not: {@code attribute("ptime")}. */
    default Optional<SdpAttribute> attribute(String name) {
        for (SdpAttribute attribute : attributes()) {
            if (attribute.name().equals(name)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /** Whether an attribute of {@code type} is present: {@code has(SctpPortAttribute.class)}. */
    default boolean has(Class<? extends SdpAttribute> type) {
        return attribute(type).isPresent();
    }

    /** Whether a property attribute is present: {@code has(PropertyAttribute.RTCP_MUX)}. */
    default boolean has(PropertyAttribute property) {
        return attributes().contains(property);
    }

    /** The direction attribute, if this section states one. */
    default Optional<MediaDirection> direction() {
        return attribute(DirectionAttribute.class).map(DirectionAttribute::direction);
    }

    /** {@code a=ice-ufrag}, if present. */
    default Optional<String> iceUfrag() {
        return attribute(IceUfragAttribute.class).map(IceUfragAttribute::ufrag);
    }

    /** {@code a=ice-pwd}, if present. */
    default Optional<String> icePwd() {
        return attribute(IcePwdAttribute.class).map(IcePwdAttribute::pwd);
    }

    /** {@code a=ice-options}, or an empty list. */
    default List<String> iceOptions() {
        return attribute(IceOptionsAttribute.class).map(IceOptionsAttribute::options).orElse(List.of());
    }

    /** Every {@code a=fingerprint}. */
    default List<FingerprintAttribute> fingerprints() {
        return attributes(FingerprintAttribute.class);
    }

    /** {@code a=setup}, if present. */
    default Optional<SetupRole> setup() {
        return attribute(SetupAttribute.class).map(SetupAttribute::role);
    }

    /** Every {@code a=extmap}. */
    default List<ExtmapAttribute> extmaps() {
        return attributes(ExtmapAttribute.class);
    }

    /** Whether {@code a=extmap-allow-mixed} is present. */
    default boolean extmapAllowMixed() {
        return has(PropertyAttribute.EXTMAP_ALLOW_MIXED);
    }
}
