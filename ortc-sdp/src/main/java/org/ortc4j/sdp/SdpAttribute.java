package org.ortc4j.sdp;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute {@code a=<name>} or a value attribute
 * {@code a=<name>:<value>}.
 *
 * <p>The attributes WebRTC relies on have their own types with their fields parsed and checked;
 * every other attribute is an {@link UnknownAttribute} that keeps its text, so it is written out
 * again exactly as it was read.
 */
public sealed interface SdpAttribute permits
        CandidateAttribute, DirectionAttribute, ExtmapAttribute, FingerprintAttribute, FmtpAttribute,
        GroupAttribute, IceOptionsAttribute, IcePwdAttribute, IceUfragAttribute, MaxMessageSizeAttribute,
        MidAttribute, MsidAttribute, MsidSemanticAttribute, PropertyAttribute, RidAttribute, RtcpAttribute,
        RtcpFbAttribute, RtpMapAttribute, SctpPortAttribute, SctpmapAttribute, SetupAttribute,
        SimulcastAttribute, SsrcAttribute, SsrcGroupAttribute, UnknownAttribute {

    /** The attribute name: the text between {@code a=} and the first colon. */
    String name();

    /** The text after the colon, or {@code null} for a property attribute. */
    String value();

    /** The line as written in SDP, without the line ending: {@code a=name} or {@code a=name:value}. */
    default String toLine() {
        String value = value();
        return value == null ? "a=" + name() : "a=" + name() + ':' + value;
    }
}
