package org.ortc4j.rtp.internal.sender;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.RTCRtpCodecParameters;
import org.ortc4j.rtp.interceptor.RtpInterceptorContext;
import org.ortc4j.rtp.interceptor.RtpOutput;
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.RtpStreamIdExtension;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;
import org.ortc4j.rtp.payload.RtpPacketizer;
import org.ortc4j.rtp.payload.RtpPayload;

/**
 * Turns encoded frames into the RTP packets of one stream (one SSRC): packetizes, numbers
 * (RFC 3550 §5.1: random initial sequence number and timestamp), writes the header extensions
 * the stream negotiated, and hands the packets to the session's output. Confined to the
 * transport's loop.
 */
public final class RtpStreamSender {

    /**
     * The largest SRTP packet we send: 1,200 bytes, what Chromium's packetizers aim at so that
     * IPv6 + UDP + TURN channel headers stay under 1,280 bytes (the IPv6 minimum MTU).
     */
    static final int MAX_PACKET_SIZE = 1200;
    /** Room for SRTP's tag (16 bytes with GCM) and the largest header we write. */
    private static final int HEADER_BUDGET = 16 + 12 + 4 + 2 * 20 + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int ssrc;
    private final RTCRtpCodecParameters codec;
    private final TimeBase clock;
    private final RtpPacketizer packetizer;
    private RtpOutput output;
    private RtpInterceptorContext context;
    private final byte[] mid;
    private final byte[] rid;
    private final int midId;
    private final int ridId;
    private final int absSendTimeId;
    private final int audioLevelId;
    private final int transportSequenceId;
    private final long timestampOffset = RANDOM.nextInt() & 0xFFFF_FFFFL;
    private int sequenceNumber = RANDOM.nextInt(1 << 16);
    private long framesSent;
    private long keyFramesSent;
    private long lastFrameWallNanos = Long.MIN_VALUE;
    /**
     * RFC 8285 §4.2's one-byte form when every element fits it (ids 1 to 14, 1 to 16 bytes of
     * data), else §4.3's two-byte form (which the peer accepts with {@code a=extmap-allow-mixed}).
     */
    private final boolean oneByteForm;
    /** Every packet is written here: the loop sends one packet at a time and RtpOutput lends it. */
    private byte[] buffer = new byte[MAX_PACKET_SIZE + HEADER_BUDGET];

    /**
     * @param mid written in the {@code sdes:mid} extension when negotiated, or {@code null}
     * @param rid written in the {@code rtp-stream-id} extension when negotiated, or {@code null}
     */
    public RtpStreamSender(int ssrc, RTCRtpCodecParameters codec, RtpPacketizer packetizer, RtpHeaderExtensionMap extensions,
            String mid, String rid, RtpOutput output, RtpInterceptorContext context) {
        this.ssrc = ssrc;
        this.codec = codec;
        this.clock = TimeBase.ofRate(codec.clockRate());
        this.packetizer = packetizer;
        this.output = output;
        this.context = context;
        this.mid = mid == null ? null : new MidExtension(mid).encode();
        this.rid = rid == null ? null : new RtpStreamIdExtension(rid).encode();
        this.midId = mid == null ? -1 : extensions.id(MidExtension.URI);
        this.ridId = rid == null ? -1 : extensions.id(RtpStreamIdExtension.URI);
        this.absSendTimeId = extensions.id(AbsSendTimeExtension.URI);
        this.audioLevelId = extensions.id(AudioLevelExtension.URI);
        this.transportSequenceId = extensions.id(TransportSequenceNumberExtension.URI);
        this.oneByteForm = fitsOneByte(midId, this.mid) && fitsOneByte(ridId, this.rid) && absSendTimeId <= 14
                && audioLevelId <= 14 && transportSequenceId <= 14;
    }

    private static boolean fitsOneByte(int id, byte[] value) {
        return id <= 0 || (id <= 14 && value.length >= 1 && value.length <= 16);
    }

    /**
     * Sends the next packets to another session's output (the sender moved to another transport,
     * W3C §4.4.1.6 set the RTCRtpSender's transport): SSRC, sequence numbers and timestamps go on.
     * Call on the new transport's loop, after the last packet on the old one.
     */
    public void rebind(RtpOutput newOutput, RtpInterceptorContext newContext) {
        this.output = newOutput;
        this.context = newContext;
    }

    /** The stream's SSRC. */
    public int ssrc() {
        return ssrc;
    }

    /** The codec sent. */
    public RTCRtpCodecParameters codec() {
        return codec;
    }

    /**
     * Sends one encoded frame.
     *
     * @param audioLevel the frame's level in -dBov (0 loudest, 127 silence; RFC 6464 §3), or -1
     *     when unknown; written when the stream negotiated ssrc-audio-level
     * @param voiceActivity RFC 6464's V flag
     * @return how many packets were sent
     */
    public int send(EncodedFrame frame, int audioLevel, boolean voiceActivity) {
        // RFC 3550 §5.1: the timestamp "reflects the sampling instant of the first octet"; the
        // frame's pts on its own time base, moved to the codec's clock, from a random start.
        long timestamp = timestampOffset + frame.timeBase().convert(frame.pts(), clock);
        List<RtpPayload> payloads = packetizer.packetize(frame.data(), MAX_PACKET_SIZE - HEADER_BUDGET);
        // abs-send-time's 24 bits: seconds in 6.18 fixed point, the NTP timestamp's middle bits.
        // One clock read per frame serves abs-send-time and lastFrameWallNanos.
        long wallNanos = context.wallClockNanos();
        int absSendTime = absSendTimeId > 0 ? (int) ((RtpInterceptorContext.toNtp(wallNanos) >>> 14) & 0xFFFFFF) : -1;
        // RFC 6464 §3: the V flag and the level in -dBov, one byte.
        int level = audioLevelId > 0 && audioLevel >= 0 ? (voiceActivity ? 0x80 : 0) | (audioLevel & 0x7F) : -1;
        for (RtpPayload payload : payloads) {
            int length = write(payload, (timestamp + payload.timestampOffset()) & 0xFFFF_FFFFL, absSendTime, level);
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
            RtpPacket packet;
            try {
                packet = RtpPacket.parse(ByteBuffer.wrap(buffer, 0, length));
            } catch (RtpParseException e) {
                throw new IllegalStateException("the sender wrote a packet it cannot parse", e);
            }
            // RtpOutput lends the buffer for the call only: the next packet reuses it.
            output.write(packet);
        }
        framesSent++;
        if (frame.keyFrame()) {
            keyFramesSent++;
        }
        lastFrameWallNanos = wallNanos;
        return payloads.size();
    }

    /**
     * Writes the next packet into {@link #buffer} (grown if the payload needs it) and returns its
     * length: RFC 3550 §5.1's fixed header, then the RFC 8285 elements the stream negotiated, in the
     * form fixed at construction, then the payload.
     */
    private int write(RtpPayload payload, long timestamp, int absSendTime, int level) {
        int size = payload.size();
        int needed = 12 + 4 + 2 * (2 + 255) + 3 * 4 + 4 + size;
        if (buffer.length < needed) {
            buffer = new byte[needed];
        }
        byte[] b = buffer;
        boolean extension = midId > 0 || ridId > 0 || absSendTimeId > 0 || level >= 0 || transportSequenceId > 0;
        // RFC 3550 §5.1: V=2, P=0, X, CC=0; M and PT; sequence number; timestamp; SSRC.
        b[0] = (byte) (0x80 | (extension ? 0x10 : 0));
        b[1] = (byte) ((payload.marker() ? 0x80 : 0) | codec.payloadType());
        b[2] = (byte) (sequenceNumber >>> 8);
        b[3] = (byte) sequenceNumber;
        putInt(b, 4, (int) timestamp);
        putInt(b, 8, ssrc);
        int at = 12;
        if (extension) {
            // RFC 3550 §5.3.1: profile, length in 32-bit words (filled in below), elements.
            int profile = oneByteForm ? RtpPacket.ONE_BYTE_PROFILE : RtpPacket.TWO_BYTE_PROFILE;
            b[12] = (byte) (profile >>> 8);
            b[13] = (byte) profile;
            at = 16;
            if (midId > 0) {
                at = elementHeader(b, at, midId, mid.length);
                System.arraycopy(mid, 0, b, at, mid.length);
                at += mid.length;
            }
            if (ridId > 0) {
                at = elementHeader(b, at, ridId, rid.length);
                System.arraycopy(rid, 0, b, at, rid.length);
                at += rid.length;
            }
            if (absSendTimeId > 0) {
                at = elementHeader(b, at, absSendTimeId, 3);
                b[at++] = (byte) (absSendTime >>> 16);
                b[at++] = (byte) (absSendTime >>> 8);
                b[at++] = (byte) absSendTime;
            }
            if (level >= 0) {
                at = elementHeader(b, at, audioLevelId, 1);
                b[at++] = (byte) level;
            }
            if (transportSequenceId > 0) {
                // The transport-wide sequence number's slot, last: TransportSequenceInterceptor
                // writes each packet's number into it in place instead of rebuilding the packet.
                at = elementHeader(b, at, transportSequenceId, 2);
                b[at++] = 0;
                b[at++] = 0;
            }
            // RFC 8285 §4.1: elements are padded with zero bytes to a whole 32-bit word.
            while ((at - 16) % 4 != 0) {
                b[at++] = 0;
            }
            int words = (at - 16) / 4;
            b[14] = (byte) (words >>> 8);
            b[15] = (byte) words;
        }
        payload.writeTo(b, at);
        return at + size;
    }

    /** An RFC 8285 element's header: §4.2's ID and length-1 nibbles, or §4.3's ID and length bytes. */
    private int elementHeader(byte[] b, int at, int id, int length) {
        if (oneByteForm) {
            b[at] = (byte) (id << 4 | (length - 1));
            return at + 1;
        }
        b[at] = (byte) id;
        b[at + 1] = (byte) length;
        return at + 2;
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    /** Frames sent (W3C {@code framesSent}). */
    public long framesSent() {
        return framesSent;
    }

    /** Key frames sent (W3C {@code keyFramesEncoded} for passthrough and encoded alike). */
    public long keyFramesSent() {
        return keyFramesSent;
    }

    /** Wall-clock time of the last frame, in ns since the epoch, or {@code Long.MIN_VALUE}. */
    public long lastFrameWallNanos() {
        return lastFrameWallNanos;
    }
}
