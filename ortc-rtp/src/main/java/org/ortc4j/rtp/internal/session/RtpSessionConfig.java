package org.ortc4j.rtp.internal.session;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.ortc4j.rtp.interceptor.RtpInterceptorFactory;
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
     * No interceptors, a random RTCP SSRC (RFC 3550 §8.1: "chosen randomly"), full compound RTCP,
     * {@link SrtpOptions#DEFAULT}.
     */
    public static RtpSessionConfig defaults() {
        return new RtpSessionConfig(List.of(), ThreadLocalRandom.current().nextInt(), false, SrtpOptions.DEFAULT);
    }
}
