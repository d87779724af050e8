package org.ortc4j.rtp;

import java.util.List;

/**
 * The codecs and header extensions this implementation supports for one kind of media (W3C
 * WebRTC §5.2.12 {@code RTCRtpCapabilities}; aiortc {@code RTCRtpCapabilities}), as
 * {@code RTCRtpSender.getCapabilities(kind)} will return them.
 *
 * @param codecs the supported codecs, including RTX, RED and FEC entries; never null, an
 *     unmodifiable copy
 * @param headerExtensions the supported header extensions; never null, an unmodifiable copy
 */
public record RTCRtpCapabilities(List<RTCRtpCodecCapability> codecs, List<RTCRtpHeaderExtensionCapability> headerExtensions) {

    /**
     * Copies the fields.
     *
     * @param codecs {@code null} means none
     * @param headerExtensions {@code null} means none
     * @throws NullPointerException if a list holds null
     */
    public RTCRtpCapabilities {
        codecs = RTCRtpParameters.copy(codecs, "codecs");
        headerExtensions = RTCRtpParameters.copy(headerExtensions, "headerExtensions");
    }
}
