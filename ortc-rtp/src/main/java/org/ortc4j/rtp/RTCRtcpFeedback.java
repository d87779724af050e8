package org.ortc4j.rtp;

import java.util.Objects;

/**
 * An RTCP feedback message a codec uses (aiortc {@code RTCRtcpFeedback}; ORTC
 * {@code RTCRtcpFeedback}), the content of an SDP {@code a=rtcp-fb} line (RFC 4585 §4.2):
 * {@code nack}, {@code nack pli}, {@code ccm fir}, {@code goog-remb}, {@code transport-cc}.
 *
 * @param type the feedback type, such as {@code "nack"}: RFC 4585 §4.2 {@code rtcp-fb-id},
 *     letters, digits, '-' and '_'
 * @param parameter the type's parameter, such as {@code "pli"} for {@code nack pli}, or
 *     {@code null} for none
 */
public record RTCRtcpFeedback(String type, String parameter) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if type is null
     * @throws IllegalArgumentException if type is not an RFC 4585 feedback id, or parameter is
     *     empty, has a control character, or starts or ends with a space
     */
    public RTCRtcpFeedback {
        Objects.requireNonNull(type, "type");
        // RFC 4585 §4.2: rtcp-fb-id = 1*(alpha-numeric / "-" / "_")
        if (type.isEmpty() || !type.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new IllegalArgumentException("RTCP feedback type \"" + type
                    + "\" is not an RFC 4585 rtcp-fb-id: 1 or more letters, digits, '-' or '_'");
        }
        // RFC 4585 §4.2: rtcp-fb-param = SP "app" [SP byte-string] / SP token [SP byte-string];
        // byte-string excludes NUL, CR and LF, and the SDP line has one space between the parts.
        if (parameter != null && (parameter.isEmpty() || parameter.startsWith(" ") || parameter.endsWith(" ")
                || parameter.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("RTCP feedback parameter \"" + parameter
                    + "\" must be null or non-empty text without control characters or surrounding spaces");
        }
    }

    /**
     * A feedback type without a parameter, such as {@code transport-cc} or {@code nack}.
     *
     * @param type the feedback type
     */
    public RTCRtcpFeedback(String type) {
        this(type, null);
    }
}
