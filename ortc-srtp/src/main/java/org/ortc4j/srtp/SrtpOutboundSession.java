package org.ortc4j.srtp;

import java.nio.ByteBuffer;
import org.ortc4j.srtp.internal.ReplayWindow;
import org.ortc4j.srtp.internal.RtpPackets;
import org.ortc4j.srtp.internal.SrtpCipher;
import org.ortc4j.srtp.internal.SsrcState;

/**
 * The sending side of an SRTP session: protects RTP (RFC 3711 §3.3) and RTCP (§3.4) packets
 * with one master key, in place.
 *
 * <p>A packet is the bytes between a buffer's position and limit. On {@link SrtpResult#OK} the
 * limit has grown by the trailer, which must fit in the buffer's capacity; on anything else the
 * packet is not to be sent and the session is unchanged. Each SSRC starts with rollover counter
 * 0 and SRTCP index 0; the rollover counter follows the sequence numbers. Protecting the same
 * packet index twice is refused ({@link SrtpResult#REPLAYED}): for AES-GCM it would reuse a
 * nonce.
 *
 * <p>Not thread-safe: a session belongs to one thread (its transport's event loop). Allocates
 * nothing per packet for AES-CM profiles; AES-GCM allocates one small JCA parameter object.
 */
public final class SrtpOutboundSession extends SrtpSessionBase {

    public SrtpOutboundSession(SrtpMasterKey key) {
        this(key, SrtpOptions.DEFAULT);
    }

    public SrtpOutboundSession(SrtpMasterKey key, SrtpOptions options) {
        super(cipherFor(key), options);
    }

    /** A session over a transform built from given session keys: for RFC test vectors. */
    SrtpOutboundSession(SrtpCipher cipher, SrtpOptions options) {
        super(cipher, options);
    }

    /** Protects one RTP packet. */
    public SrtpResult protectRtp(ByteBuffer packet) {
        int length = packet.remaining();
        if (length < 12) {
            return SrtpResult.TOO_SHORT;
        }
        int trailer = cipher.rtpTrailerLength();
        if (packet.capacity() - packet.limit() < trailer || length + trailer > MAX_PACKET) {
            return SrtpResult.NO_ROOM;
        }
        byte[] b = arrayOf(packet, length);
        int off = offsetOf(packet);
        if (!RtpPackets.isVersion2(b[off])) {
            return SrtpResult.MALFORMED;
        }
        int headerLength = RtpPackets.rtpHeaderLength(b, off, length);
        if (headerLength < 0) {
            return SrtpResult.MALFORMED;
        }
        int seq = RtpPackets.uint16(b, off + 2);
        int ssrc = RtpPackets.int32(b, off + 8);
        SsrcState state = ssrcs.find(ssrc);
        if (state == null) {
            return SrtpResult.SSRC_LIMIT;
        }
        long index = state.estimateIndex(seq);
        if (index == SsrcState.EXHAUSTED) {
            return SrtpResult.INDEX_EXHAUSTED;
        }
        SrtpResult replay = verdict(state.checkRtp(index));
        if (replay != SrtpResult.OK) {
            return replay;
        }
        cipher.protectRtp(b, off, headerLength, length, ssrc, SsrcState.rolloverCounter(index), seq);
        state.acceptRtp(index);
        ssrcs.keep(state);
        return finish(packet, b, length + trailer);
    }

    /** Protects one RTCP packet, simple or compound; the SSRC is that of its first packet's sender. */
    public SrtpResult protectRtcp(ByteBuffer packet) {
        int length = packet.remaining();
        if (length < 8) {
            return SrtpResult.TOO_SHORT;
        }
        int trailer = cipher.rtcpTrailerLength();
        if (packet.capacity() - packet.limit() < trailer || length + trailer > MAX_PACKET) {
            return SrtpResult.NO_ROOM;
        }
        byte[] b = arrayOf(packet, length);
        int off = offsetOf(packet);
        if (!RtpPackets.isVersion2(b[off])) {
            return SrtpResult.MALFORMED;
        }
        int ssrc = RtpPackets.int32(b, off + 4);
        SsrcState state = ssrcs.find(ssrc);
        if (state == null) {
            return SrtpResult.SSRC_LIMIT;
        }
        long index = state.nextSrtcpIndex();
        // RFC 3711 §3.4: the SRTCP index is 31 bits; §9.2: re-key before it wraps.
        if (index > 0x7FFF_FFFFL) {
            return SrtpResult.INDEX_EXHAUSTED;
        }
        cipher.protectRtcp(b, off, length, ssrc, (int) index);
        state.acceptRtcp(index);
        state.advanceSrtcpIndex();
        ssrcs.keep(state);
        return finish(packet, b, length + trailer);
    }

    static SrtpResult verdict(ReplayWindow.Verdict verdict) {
        return switch (verdict) {
            case FRESH -> SrtpResult.OK;
            case REPLAYED -> SrtpResult.REPLAYED;
            case TOO_OLD -> SrtpResult.TOO_OLD;
        };
    }
}
