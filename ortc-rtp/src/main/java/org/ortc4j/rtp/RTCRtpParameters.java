package org.ortc4j.rtp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an {@code RTCRtpSender} sends or an {@code RTCRtpReceiver} receives: the codecs, the header
 * extensions and the RTCP settings (W3C WebRTC §5.2.3 {@code RTCRtpParameters}; aiortc
 * {@code RTCRtpParameters}).
 *
 * @param codecs the codecs, in order of preference; never null, an unmodifiable copy
 * @param headerExtensions the negotiated header extensions; never null, an unmodifiable copy
 * @param rtcp the RTCP parameters; never null
 */
public record RTCRtpParameters(
        List<RTCRtpCodecParameters> codecs,
        List<RTCRtpHeaderExtensionParameters> headerExtensions,
        RTCRtcpParameters rtcp) {

    /**
     * Validates and copies the fields.
     *
     * @param codecs {@code null} means none
     * @param headerExtensions {@code null} means none
     * @param rtcp {@code null} means {@code new RTCRtcpParameters()}, as in aiortc
     * @throws NullPointerException if a list holds null
     * @throws IllegalArgumentException if two codecs share a payload type or two header
     *     extensions share an id
     */
    public RTCRtpParameters {
        codecs = copy(codecs, "codecs");
        headerExtensions = copy(headerExtensions, "headerExtensions");
        if (rtcp == null) {
            rtcp = new RTCRtcpParameters();
        }
        // RFC 3550 §5.1: the payload type identifies the format of the payload, so within one
        // set of parameters one type names one codec.
        Set<Integer> payloadTypes = new HashSet<>();
        for (RTCRtpCodecParameters codec : codecs) {
            if (!payloadTypes.add(codec.payloadType())) {
                throw new IllegalArgumentException("payloadType " + codec.payloadType() + " is used by more than one codec");
            }
        }
        // RFC 8285 §5: each local identifier maps to one extension.
        Set<Integer> ids = new HashSet<>();
        for (RTCRtpHeaderExtensionParameters extension : headerExtensions) {
            if (!ids.add(extension.id())) {
                throw new IllegalArgumentException("header extension id " + extension.id() + " is used more than once");
            }
        }
    }

    /** Parameters with no codecs, no header extensions and default RTCP: aiortc's defaults. */
    public RTCRtpParameters() {
        this(null, null, null);
    }

    static <T> List<T> copy(List<T> list, String name) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(name + "[" + i + "] is null");
            }
        }
        return List.copyOf(list);
    }
}
