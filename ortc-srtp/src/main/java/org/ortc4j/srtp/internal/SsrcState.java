package org.ortc4j.srtp.internal;

/**
 * What an SRTP session remembers about one SSRC in one direction (RFC 3711 §3.2.3): the
 * rollover counter and highest sequence number of its RTP stream, the next SRTCP index of its
 * RTCP, and a replay window for each.
 */
public final class SsrcState {

    private static final long MAX_ROC = 0xFFFF_FFFFL;

    /** {@link #estimateIndex} of a packet from before the stream's first rollover counter. */
    public static final long BEFORE_START = -2;
    /** {@link #estimateIndex} of a packet that would need a rollover counter past 2^32 - 1. */
    public static final long EXHAUSTED = -1;

    final int ssrc;
    boolean stored;
    private boolean started;
    private long roc;
    private int highestSeq;
    private final ReplayWindow rtpWindow;
    private final ReplayWindow rtcpWindow;
    private long nextSrtcpIndex;

    SsrcState(int ssrc, int replayWindowSize) {
        this.ssrc = ssrc;
        this.rtpWindow = new ReplayWindow(replayWindowSize);
        this.rtcpWindow = new ReplayWindow(replayWindowSize);
    }

    /**
     * The 48-bit packet index of sequence number {@code seq} (RFC 3711 §3.3.1, Appendix A), or
     * {@link #BEFORE_START} or {@link #EXHAUSTED}.
     */
    public long estimateIndex(int seq) {
        if (!started) {
            return seq;
        }
        long v;
        // RFC 3711 Appendix A:
        //   if (s_l < 32768) if (SEQ - s_l > 32768) v = ROC-1 else v = ROC
        //   else             if (s_l - 32768 > SEQ) v = ROC+1 else v = ROC
        if (highestSeq < 32768) {
            v = seq - highestSeq > 32768 ? roc - 1 : roc;
        } else {
            v = highestSeq - 32768 > seq ? roc + 1 : roc;
        }
        if (v < 0) {
            // Sent before the first packet we saw, with a rollover counter of -1: older than the
            // window can hold.
            return BEFORE_START;
        }
        return v > MAX_ROC ? EXHAUSTED : (v << 16) | seq;
    }

    /** The rollover counter part of an index from {@link #estimateIndex}. */
    public static int rolloverCounter(long index) {
        return (int) (index >>> 16);
    }

    /** Whether {@code index} of the RTP stream may be accepted. */
    public ReplayWindow.Verdict checkRtp(long index) {
        return index < 0 ? ReplayWindow.Verdict.TOO_OLD : rtpWindow.check(index);
    }

    /** Records an authenticated RTP packet: updates ROC and s_l as RFC 3711 §3.3.1 says. */
    public void acceptRtp(long index) {
        rtpWindow.accept(index);
        long v = index >>> 16;
        int seq = (int) (index & 0xFFFF);
        if (!started) {
            started = true;
            roc = v;
            highestSeq = seq;
        } else if (v > roc) {
            roc = v;
            highestSeq = seq;
        } else if (v == roc && seq > highestSeq) {
            highestSeq = seq;
        }
    }

    /** Whether SRTCP index {@code index} may be accepted. */
    public ReplayWindow.Verdict checkRtcp(long index) {
        return rtcpWindow.check(index);
    }

    /** Records an authenticated or sent SRTCP index. */
    public void acceptRtcp(long index) {
        rtcpWindow.accept(index);
    }

    /** The SRTCP index the next protected RTCP packet gets (RFC 3711 §3.4: starts at 0). */
    public long nextSrtcpIndex() {
        return nextSrtcpIndex;
    }

    /** Moves to the next SRTCP index after a packet was protected with the current one. */
    public void advanceSrtcpIndex() {
        nextSrtcpIndex++;
    }

    /** Test and diagnostics: the current rollover counter. */
    public long roc() {
        return roc;
    }
}
