package org.ortc4j.rtp.interceptor;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.ortc4j.rtp.RTCRtcpFeedback;
import org.ortc4j.rtp.RTCRtcpParameters;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;

/**
 * What interceptors know about one RTP stream when it is bound: its SSRC, its codecs with their
 * RTCP feedback, its header extensions, its RTX stream if it has one, and its MID and RID (pion's
 * {@code interceptor.StreamInfo}).
 *
 * @param ssrc the stream's SSRC
 * @param kind {@code "audio"} or {@code "video"}
 * @param codecs the codecs the stream may carry, RTX ({@code video/rtx}) included; never null
 * @param headerExtensions the header extensions negotiated for the stream; never null
 * @param rtcp the RTCP parameters: CNAME and reduced size; never null
 * @param rtxSsrc the SSRC of the stream's retransmissions (RFC 4588 §4), or {@code null} when
 *     there is none
 * @param mid the media identification (RFC 9143), or {@code null}
 * @param rid the RTP stream identifier (RFC 8852), or {@code null}
 */
public record RtpStreamInfo(
        int ssrc,
        String kind,
        List<RTCRtpCodecParameters> codecs,
        RtpHeaderExtensionMap headerExtensions,
        RTCRtcpParameters rtcp,
        Integer rtxSsrc,
        String mid,
        String rid) {

    /** RTX's MIME subtype, RFC 4588 §8.6. */
    private static final String RTX = "rtx";

    /**
     * Copies the codec list.
     *
     * @throws NullPointerException if kind, codecs, headerExtensions or rtcp is null
     * @throws IllegalArgumentException if kind is neither audio nor video
     */
    public RtpStreamInfo {
        Objects.requireNonNull(kind, "kind");
        if (!kind.equals("audio") && !kind.equals("video")) {
            throw new IllegalArgumentException("kind must be audio or video, not " + kind);
        }
        codecs = List.copyOf(codecs);
        Objects.requireNonNull(headerExtensions, "headerExtensions");
        Objects.requireNonNull(rtcp, "rtcp");
    }

    /** The codec with this payload type, RTX included, or {@code null}. */
    public RTCRtpCodecParameters codec(int payloadType) {
        for (RTCRtpCodecParameters codec : codecs) {
            if (codec.payloadType() == payloadType) {
                return codec;
            }
        }
        return null;
    }

    /** The clock rate of the codec with this payload type, or -1 when the stream has no such codec. */
    public int clockRate(int payloadType) {
        RTCRtpCodecParameters codec = codec(payloadType);
        return codec == null ? -1 : codec.clockRate();
    }

    /** The clock rate of the first codec that is not RTX: the stream's media clock. */
    public int clockRate() {
        for (RTCRtpCodecParameters codec : codecs) {
            if (!isRtx(codec)) {
                return codec.clockRate();
            }
        }
        throw new IllegalStateException("the stream has no media codec");
    }

    /**
     * Whether some media codec of the stream negotiated this RTCP feedback ({@code a=rtcp-fb},
     * RFC 4585 §4.2), such as {@code ("nack", null)}, {@code ("nack", "pli")},
     * {@code ("transport-cc", null)}.
     */
    public boolean hasFeedback(String type, String parameter) {
        RTCRtcpFeedback wanted = parameter == null ? new RTCRtcpFeedback(type) : new RTCRtcpFeedback(type, parameter);
        for (RTCRtpCodecParameters codec : codecs) {
            if (codec.rtcpFeedback().contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The RTX payload type whose {@code apt} is this media payload type (RFC 4588 §8.6), if any. */
    public OptionalInt rtxPayloadType(int mediaPayloadType) {
        String apt = Integer.toString(mediaPayloadType);
        for (RTCRtpCodecParameters codec : codecs) {
            if (isRtx(codec) && apt.equals(codec.parameters().get("apt"))) {
                return OptionalInt.of(codec.payloadType());
            }
        }
        return OptionalInt.empty();
    }

    /** The media payload type an RTX payload type repairs (its {@code apt}), if this is an RTX type. */
    public OptionalInt associatedPayloadType(int rtxPayloadType) {
        RTCRtpCodecParameters codec = codec(rtxPayloadType);
        if (codec == null || !isRtx(codec)) {
            return OptionalInt.empty();
        }
        String apt = codec.parameters().get("apt");
        try {
            return apt == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(apt));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Whether the codec is RTX, RFC 4588. */
    public static boolean isRtx(RTCRtpCodecParameters codec) {
        return codec.name().equalsIgnoreCase(RTX);
    }
}
