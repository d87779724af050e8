package org.ortc4j.srtp;

import java.nio.ByteBuffer;
import org.ortc4j.srtp.internal.RtpPackets;
import org.ortc4j.srtp.internal.SrtpCipher;
import org.ortc4j.srtp.internal.SsrcState;

/**
 * The receiving side of an SRTP session: authenticates and decrypts SRTP (RFC 3711 §3.3) and
 * SRTCP (§3.4) packets under one master key, in place, with replay protection per SSRC.
 *
 * <p>A packet is the bytes between a buffer's position and limit. On {@link SrtpResult#OK} the
 * limit has shrunk to the plain RTP or RTCP packet. Anything else means the packet is to be
 * dropped and counted; the session's state is as it was, and the buffer's bytes are
 * unspecified. A new SSRC gets state only once one of its packets authenticates, so forged
 * packets cannot fill the SSRC table.
 *
 * <p>Not thread-safe: a session belongs to one thread (its transport's event loop). Allocates
 * nothing per packet for AES-CM profiles; AES-GCM allocates one small JCA parameter object.
 */
public final class SrtpInboundSession extends SrtpSessionBase {

    public SrtpInboundSession(SrtpMasterKey key) {
        this(key, SrtpOptions.DEFAULT);
    }

    public SrtpInboundSession(SrtpMasterKey key, SrtpOptions options) {
        super(cipherFor(key), options);
    }

    /** A session over a transform built from given session keys: for RFC test vectors. */
    SrtpInboundSession(SrtpCipher cipher, SrtpOptions options) {
        super(cipher, options);
    }

    /** Authenticates and decrypts one SRTP packet. */
    public SrtpResult unprotectRtp(ByteBuffer packet) {
        int length = packet.remaining();
        int trailer = cipher.rtpTrailerLength();
        if (length < 12 + trailer) {
            return SrtpResult.TOO_SHORT;
        }
        if (length > MAX_PACKET) {
            return SrtpResult.MALFORMED;
        }
        byte[] b = arrayOf(packet, length);
        int off = offsetOf(packet);
        if (!RtpPackets.isVersion2(b[off])) {
            return SrtpResult.MALFORMED;
        }
        int plainLength = length - trailer;
        int headerLength = RtpPackets.rtpHeaderLength(b, off, plainLength);
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
            return SrtpResult.TOO_OLD;
        }
        SrtpResult replay = SrtpOutboundSession.verdict(state.checkRtp(index));
        if (replay != SrtpResult.OK) {
            return replay;
        }
        if (!cipher.unprotectRtp(b, off, headerLength, plainLength, ssrc, SsrcState.rolloverCounter(index), seq)) {
            return SrtpResult.AUTHENTICATION_FAILED;
        }
        state.acceptRtp(index);
        ssrcs.keep(state);
        return finish(packet, b, plainLength);
    }

    /** Authenticates and, if its E flag is set, decrypts one SRTCP packet. */
    public SrtpResult unprotectRtcp(ByteBuffer packet) {
        int length = packet.remaining();
        int trailer = cipher.rtcpTrailerLength();
        if (length < 8 + trailer) {
            return SrtpResult.TOO_SHORT;
        }
        if (length > MAX_PACKET) {
            return SrtpResult.MALFORMED;
        }
        byte[] b = arrayOf(packet, length);
        int off = offsetOf(packet);
        if (!RtpPackets.isVersion2(b[off])) {
            return SrtpResult.MALFORMED;
        }
        int ssrc = RtpPackets.int32(b, off + 4);
        int eAndIndex = RtpPackets.int32(b, off + cipher.srtcpIndexPosition(length));
        long index = eAndIndex & 0x7FFF_FFFFL;
        SsrcState state = ssrcs.find(ssrc);
        if (state == null) {
            return SrtpResult.SSRC_LIMIT;
        }
        SrtpResult replay = SrtpOutboundSession.verdict(state.checkRtcp(index));
        if (replay != SrtpResult.OK) {
            return replay;
        }
        if (!cipher.unprotectRtcp(b, off, length, ssrc, eAndIndex)) {
            return SrtpResult.AUTHENTICATION_FAILED;
        }
        state.acceptRtcp(index);
        ssrcs.keep(state);
        return finish(packet, b, length - trailer);
    }
}
