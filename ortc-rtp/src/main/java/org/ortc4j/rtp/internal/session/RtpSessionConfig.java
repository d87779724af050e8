package org.ortc4j.rtp.internal.session;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.ortc4j.rtp.interceptor.NackGeneratorInterceptor;
import org.ortc4j.rtp.interceptor.NackResponderInterceptor;
import org.ortc4j.rtp.interceptor.RtcpReportConfig;
import org.ortc4j.rtp.interceptor.RtcpReportInterceptor;
import org.ortc4j.rtp.interceptor.RtpInterceptorFactory;
import org.ortc4j.rtp.interceptor.TransportFeedbackInterceptor;
import org.ortc4j.rtp.interceptor.TransportSequenceInterceptor;
import org.ortc4j.srtp.SrtpOptions;

/**
 * How an RTP session is set up.
 *
 * @param interceptors the factories of the session's interceptors, in chain order
 * @param rtcpSsrc the SSRC of the empty receiver report put in front of compound RTCP packets that
 *     do not start with a report (RFC 3550 §6.1)
 * @param reducedSizeRtcp whether reduced-size RTCP (RFC 5506) was negotiated: then nothing is put
 *     in front of a packet
 * @param srtpOptions the limits of both SRTP sessions
 */
public record RtpSessionConfig(List<RtpInterceptorFactory> interceptors, int rtcpSsrc, boolean reducedSizeRtcp,
        SrtpOptions srtpOptions) {

    /** Copies the interceptor list. @throws NullPointerException if interceptors or srtpOptions is null */
    public RtpSessionConfig {
        interceptors = List.copyOf(interceptors);
        Objects.requireNonNull(srtpOptions, "srtpOptions");
    }

    /**
     * The built-in interceptors (see {@link #builtInInterceptors}) reporting from a random RTCP
     * SSRC (RFC 3550 §8.1: "chosen randomly"), full compound RTCP, {@link SrtpOptions#WEBRTC} (the 1024-packet replay window browsers use).
     */
    public static RtpSessionConfig defaults() {
        int rtcpSsrc = randomSsrc();
        return new RtpSessionConfig(builtInInterceptors(rtcpSsrc), rtcpSsrc, false, SrtpOptions.WEBRTC);
    }

    /**
     * No interceptors at all: packets go straight between senders, receivers and SRTP (for tests
     * and for users who bring their own chain).
     */
    public static RtpSessionConfig withoutInterceptors() {
        return new RtpSessionConfig(List.of(), randomSsrc(), false, SrtpOptions.WEBRTC);
    }

    /**
     * What every transport runs unless told otherwise, in chain order. Outgoing packets pass them
     * first to last: the NACK responder keeps its history and sends RTX, the transport-wide
     * sequence numbers go on every packet RTX included, and the report interceptor, nearest the
     * wire, counts all of it. Its RTCP wrapper is outermost-last too, so it counts the NACKs,
     * PLIs and FIRs that the others and the receivers send. Received packets are only watched:
     * the NACK generator finds holes, the feedback interceptor records arrivals.
     *
     * @param rtcpSsrc the SSRC this endpoint's feedback and receiver reports come from
     */
    public static List<RtpInterceptorFactory> builtInInterceptors(int rtcpSsrc) {
        return List.of(
                NackResponderInterceptor.factory(),
                NackGeneratorInterceptor.factory(NackGeneratorInterceptor.Config.defaults(rtcpSsrc)),
                TransportSequenceInterceptor.factory(),
                TransportFeedbackInterceptor.factory(TransportFeedbackInterceptor.Config.adaptive(rtcpSsrc)),
                RtcpReportInterceptor.factory(new RtcpReportConfig(rtcpSsrc, null, RtcpReportConfig.DEFAULT_VIDEO_INTERVAL,
                        RtcpReportConfig.DEFAULT_AUDIO_INTERVAL, false)));
    }

    private static int randomSsrc() {
        int ssrc;
        do {
            ssrc = ThreadLocalRandom.current().nextInt();
        } while (ssrc == 0);
        return ssrc;
    }
}
