package org.ortc4j.rtp.interceptor;

import java.time.Duration;
import java.util.Objects;
import org.ortc4j.rtp.RTCRtcpParameters;

/**
 * How {@link RtcpReportInterceptor} reports.
 *
 * @param senderSsrc the SSRC receiver reports come from when no local stream sent since the last
 *     report (RFC 3550 §6.4.2); libwebrtc uses 1 for a receive-only peer
 * @param cname the CNAME (RFC 3550 §6.5.1) sent in SDES for {@code senderSsrc}, or {@code null}
 *     to take the CNAME of a bound stream (local first), or to send no SDES item when none has one
 * @param videoInterval the mean report interval T while any video stream is bound (libwebrtc: 1 s)
 * @param audioInterval the mean report interval T while only audio streams are bound (libwebrtc: 5 s)
 * @param receiverReferenceTime whether receiver reports carry an XR receiver reference time block
 *     (RFC 3611 §4.4), so that a peer that only receives learns the RTT from the sender's DLRR
 *     (§4.5) — libwebrtc's {@code receiver_reference_time_report}, off by default there and here.
 *     Received RRTRs are always answered with DLRR in our next report.
 */
public record RtcpReportConfig(int senderSsrc, String cname, Duration videoInterval, Duration audioInterval,
        boolean receiverReferenceTime) {

    /** libwebrtc's defaults: RTCPSender's kDefaultVideoReportInterval and kDefaultAudioReportInterval. */
    public static final Duration DEFAULT_VIDEO_INTERVAL = Duration.ofSeconds(1);
    /** libwebrtc's default for audio-only sessions. */
    public static final Duration DEFAULT_AUDIO_INTERVAL = Duration.ofSeconds(5);

    /**
     * Checks the intervals and the CNAME.
     *
     * @throws IllegalArgumentException if an interval is not positive or the CNAME is longer than
     *     an SDES item holds
     */
    public RtcpReportConfig {
        // RFC 3550 §6.5: an SDES item's text "can be no longer than 255 octets"; RTCRtcpParameters checks it.
        new RTCRtcpParameters(cname);
        Objects.requireNonNull(videoInterval, "videoInterval");
        Objects.requireNonNull(audioInterval, "audioInterval");
        if (videoInterval.isNegative() || videoInterval.isZero() || audioInterval.isNegative() || audioInterval.isZero()) {
            throw new IllegalArgumentException("report intervals must be positive");
        }
    }

    /** SSRC 1 for receiver reports, no CNAME of its own, libwebrtc's intervals, no RRTR. */
    public RtcpReportConfig() {
        this(1, null, DEFAULT_VIDEO_INTERVAL, DEFAULT_AUDIO_INTERVAL, false);
    }

    /** This configuration, with or without XR receiver reference time blocks in receiver reports. */
    public RtcpReportConfig withReceiverReferenceTime(boolean enabled) {
        return new RtcpReportConfig(senderSsrc, cname, videoInterval, audioInterval, enabled);
    }
}
