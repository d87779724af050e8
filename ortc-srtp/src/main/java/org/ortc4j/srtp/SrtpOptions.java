package org.ortc4j.srtp;

/**
 * Limits of an SRTP session.
 *
 * @param replayWindowSize how many packet indices below the highest received are remembered for
 *     replay protection (RFC 3711 §3.3.2 requires at least 64); a multiple of 64, 64 to 32768
 * @param maxSsrcs how many SSRCs the session keeps state for; a packet with a new SSRC beyond this
 *     is rejected with {@link SrtpResult#SSRC_LIMIT}
 */
public record SrtpOptions(int replayWindowSize, int maxSsrcs) {

    /** libsrtp's default: a 128-packet replay window, and up to 1024 SSRCs. */
    public static final SrtpOptions DEFAULT = new SrtpOptions(128, 1024);

    /**
     * What WebRTC peers use: a 1024-packet replay window (libwebrtc's, Firefox's and aiortc's
     * libsrtp policy), and up to 1024 SSRCs. A paced burst of video reordered by the network, or a
     * retransmission of a packet hundreds behind the newest, still decrypts.
     */
    public static final SrtpOptions WEBRTC = new SrtpOptions(1024, 1024);

    public SrtpOptions {
        if (replayWindowSize < 64 || replayWindowSize > 32768 || replayWindowSize % 64 != 0) {
            throw new IllegalArgumentException("replay window must be a multiple of 64 in 64..32768, not "
                    + replayWindowSize);
        }
        if (maxSsrcs < 1 || maxSsrcs > 1 << 20) {
            throw new IllegalArgumentException("maxSsrcs must be in 1..1048576, not " + maxSsrcs);
        }
    }

    /** These options with another replay window size. */
    public SrtpOptions withReplayWindowSize(int size) {
        return new SrtpOptions(size, maxSsrcs);
    }

    /** These options with another SSRC limit. */
    public SrtpOptions withMaxSsrcs(int max) {
        return new SrtpOptions(replayWindowSize, max);
    }
}
