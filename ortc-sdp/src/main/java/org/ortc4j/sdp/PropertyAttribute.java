package org.ortc4j.sdp;

import java.util.Set;

/**
 * A property attribute WebRTC gives meaning to: {@code a=<name>} with no value (RFC 8866 §5.13).
 * The seven WebRTC uses are the constants below; any other property attribute is an
 * {@link UnknownAttribute} with a {@code null} value. The directions ({@code a=sendrecv}, ...)
 * are {@link DirectionAttribute}s.
 *
 * @param name the attribute name, one of the constants' names
 */
public record PropertyAttribute(String name) implements SdpAttribute {

    private static final Set<String> NAMES = Set.of(
            "rtcp-mux", "rtcp-mux-only", "rtcp-rsize", "end-of-candidates", "ice-lite", "bundle-only",
            "extmap-allow-mixed");

    /** {@code a=rtcp-mux}: RTP and RTCP share one port (RFC 5761 §5.1.1, RFC 8858). */
    public static final PropertyAttribute RTCP_MUX = new PropertyAttribute("rtcp-mux");

    /** {@code a=rtcp-mux-only}: the offerer will only do RTP/RTCP multiplexing (RFC 8858 §3). */
    public static final PropertyAttribute RTCP_MUX_ONLY = new PropertyAttribute("rtcp-mux-only");

    /** {@code a=rtcp-rsize}: reduced-size RTCP may be sent (RFC 5506 §5). */
    public static final PropertyAttribute RTCP_RSIZE = new PropertyAttribute("rtcp-rsize");

    /** {@code a=end-of-candidates}: no more ICE candidates will follow (RFC 8840 §8.2). */
    public static final PropertyAttribute END_OF_CANDIDATES = new PropertyAttribute("end-of-candidates");

    /** {@code a=ice-lite}: the agent is an ICE lite implementation (RFC 8839 §5.3). */
    public static final PropertyAttribute ICE_LITE = new PropertyAttribute("ice-lite");

    /** {@code a=bundle-only}: use the section only if it is BUNDLEd (RFC 8843 §6). */
    public static final PropertyAttribute BUNDLE_ONLY = new PropertyAttribute("bundle-only");

    /**
     * {@code a=extmap-allow-mixed}: one-byte and two-byte RTP header extensions may be mixed in
     * one stream (RFC 8285 §6).
     */
    public static final PropertyAttribute EXTMAP_ALLOW_MIXED = new PropertyAttribute("extmap-allow-mixed");

    public PropertyAttribute {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a property attribute WebRTC defines: " + name
                    + "; use UnknownAttribute.property for others");
        }
    }

    /** The constant named {@code name}, or {@code null} if WebRTC defines no such property attribute. */
    static PropertyAttribute forName(String name) {
        return NAMES.contains(name) ? new PropertyAttribute(name) : null;
    }

    @Override
    public String value() {
        return null;
    }
}
