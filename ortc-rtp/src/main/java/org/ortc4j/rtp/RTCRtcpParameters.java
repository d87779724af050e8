package org.ortc4j.rtp;

import java.nio.charset.StandardCharsets;

/**
 * How RTCP is sent for a sender or receiver (W3C WebRTC §5.2.8 {@code RTCRtcpParameters}).
 *
 * @param cname the canonical name (CNAME) sent in RTCP SDES packets (RFC 3550 §6.5.1), or
 *     {@code null} when not known yet
 * @param reducedSize whether reduced-size RTCP (RFC 5506) is used instead of compound RTCP
 *     (RFC 3550 §6.1)
 */
public record RTCRtcpParameters(String cname, boolean reducedSize) {

    /**
     * Validates the CNAME.
     *
     * @throws IllegalArgumentException if cname is longer than 255 bytes of UTF-8
     */
    public RTCRtcpParameters {
        // RFC 3550 §6.5: an SDES item has an 8-bit length, so "the text can be no longer than
        // 255 octets"; the text is UTF-8.
        if (cname != null) {
            int bytes = cname.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 255) {
                throw new IllegalArgumentException("cname is " + bytes + " bytes of UTF-8; an RTCP SDES item holds at most 255 (RFC 3550 §6.5)");
            }
        }
    }

    /** No CNAME yet, compound RTCP: aiortc's defaults. */
    public RTCRtcpParameters() {
        this(null, false);
    }

    /**
     * A CNAME with compound RTCP.
     *
     * @param cname the canonical name, or {@code null}
     */
    public RTCRtcpParameters(String cname) {
        this(cname, false);
    }
}
