package org.ortc4j.rtp.internal.sender;

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
import org.ortc4j.rtp.packet.RtpPacketBuilder;
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
        byte[] absSendTime = absSendTimeId > 0 ? AbsSendTimeExtension.fromNtpTimestamp(context.ntpTime()).encode() : null;
        byte[] level = audioLevelId > 0 && audioLevel >= 0 ? new AudioLevelExtension(voiceActivity, audioLevel).encode() : null;
        for (RtpPayload payload : payloads) {
            RtpPacketBuilder builder = RtpPacket.builder()
                    .payloadType(codec.payloadType())
                    .sequenceNumber(sequenceNumber)
                    .timestamp((timestamp + payload.timestampOffset()) & 0xFFFF_FFFFL)
                    .ssrc(ssrc)
                    .marker(payload.marker());
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
            if (midId > 0) {
                builder.addExtension(midId, mid);
            }
            if (ridId > 0) {
                builder.addExtension(ridId, rid);
            }
            if (absSendTime != null) {
                builder.addExtension(absSendTimeId, absSendTime);
            }
            if (level != null) {
                builder.addExtension(audioLevelId, level);
            }
            if (transportSequenceId > 0) {
                // The transport-wide sequence number's slot, last: TransportSequenceInterceptor
                // writes each packet's number into it in place instead of rebuilding the packet.
                builder.addExtension(transportSequenceId, new byte[2]);
            }
            builder.payload(payload.data());
            output.write(builder.build());
        }
        framesSent++;
        if (frame.keyFrame()) {
            keyFramesSent++;
        }
        lastFrameWallNanos = context.wallClockNanos();
        return payloads.size();
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
