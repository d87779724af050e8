package org.ortc4j.rtp;

/**
 * An RTP header extension as negotiated: its URI and the id that stands for it in packets (W3C
 * WebRTC §5.2.9 {@code RTCRtpHeaderExtensionParameters}; aiortc
 * {@code RTCRtpHeaderExtensionParameters}; RFC 8285).
 *
 * <p>The id is 1 to 255. RFC 8285 §4.2, one-byte headers: "The 4-bit ID is the local identifier of
 * this element in the range 1-14 inclusive." The two-byte form (RFC 8285 §4.3) has an 8-bit id,
 * 1 to 255, so ids 15 to 255 are valid but need two-byte headers, which the peer must accept
 * ({@code a=extmap-allow-mixed}, RFC 8285 §6). aiortc documents 1-14 because it only writes the
 * one-byte form; see {@link #requiresTwoByteHeader()}. The W3C {@code encrypted} member
 * (RFC 6904) is not modelled.
 *
 * @param id the local identifier, 1 to 255
 * @param uri the extension's URI, such as {@code "urn:ietf:params:rtp-hdrext:sdes:mid"}
 */
public record RTCRtpHeaderExtensionParameters(int id, String uri) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if id is outside 1..255 or uri is not an absolute URI
     * @throws NullPointerException if uri is null
     */
    public RTCRtpHeaderExtensionParameters {
        // RFC 8285 §4.2 and §4.3: id 0 is padding, never an identifier; 255 is the largest 8-bit id.
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("header extension id must be 1 to 255 (RFC 8285 §4.3), not " + id);
        }
        RTCRtpHeaderExtensionCapability.checkUri(uri);
    }

    /**
     * Whether the id does not fit the one-byte header form (RFC 8285 §4.2, ids 1-14), so packets
     * carrying this extension need the two-byte form (RFC 8285 §4.3).
     */
    public boolean requiresTwoByteHeader() {
        return id > 14;
    }
}
