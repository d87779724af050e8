package org.ortc4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpParseException;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;
import org.ortc4j.rtp.packet.VideoOrientationExtension;

/**
 * RTP packets as a sender writes and a receiver reads them, with ortc-rtp's codec
 * ({@code org.ortc4j.rtp.packet}), against the least any RTP stack does with the same bytes, in the
 * same run. Packets per second.
 *
 * <p>Two packets, as Chrome sends them ({@link #kind}):
 *
 * <ul>
 *   <li>{@code video}: 1,200 bytes on the wire, one-byte header extensions abs-send-time (id 2, 3
 *       bytes), transport-wide sequence number (id 3, 2 bytes) and video-orientation (id 4, 1
 *       byte), payload type 96, marker set.
 *   <li>{@code audio}: an Opus packet of 120 payload bytes (about 48 kb/s at 20 ms), extensions
 *       ssrc-audio-level (id 1), transport-wide sequence number (id 3) and sdes:mid "0" (id 5),
 *       payload type 111.
 * </ul>
 *
 * <ul>
 *   <li>{@link #parse}: parse the packet and read what a receiver reads: sequence number, timestamp,
 *       SSRC, payload type, marker, the three extensions' values and the payload slice (not copied).
 *   <li>{@link #serialize}: build the packet with its three typed extensions and payload, written
 *       into a reused buffer.
 *   <li>{@link #bareRead} (baseline): read the 12 fixed header bytes with {@code ByteBuffer} gets
 *       and {@code System.arraycopy} the payload out.
 *   <li>{@link #bareWrite} (baseline): put the 12 fixed header bytes and {@code System.arraycopy}
 *       the payload in, no extensions.
 * </ul>
 *
 * <p>Set-up fails the run unless the parsed packet's fields are the ones the serializer was given
 * and the serializer writes the packet's exact bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so that heap resizing is not part of what is measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RtpPacketBenchmark {

    static final int VIDEO_PACKET_LENGTH = 1200;
    static final int AUDIO_PAYLOAD_LENGTH = 120;

    static final int AUDIO_LEVEL_ID = 1;
    static final int ABS_SEND_TIME_ID = 2;
    static final int TRANSPORT_CC_ID = 3;
    static final int VIDEO_ORIENTATION_ID = 4;
    static final int MID_ID = 5;

    /** Which packet: {@code video} or {@code audio}. */
    @Param({"video", "audio"})
    public String kind;

    boolean video;
    byte[] payload;
    byte[] wire;
    ByteBuffer wireBuffer;
    ByteBuffer out;
    byte[] payloadCopy;
    int sequenceNumber = 4321;
    long timestamp = 3_000_000_000L;
    int ssrc = 0x1234abcd;
    int transportSequenceNumber = 777;
    int absSendTime = 0x0a1b2c;

    @Setup
    public void setUp() throws RtpParseException {
        video = kind.equals("video");
        SplittableRandom random = new SplittableRandom(3550);
        // Video: 12 fixed + 4 extension header + 12 extension bytes (1+3, 1+2, 1+1, padded to 12).
        payload = new byte[video ? VIDEO_PACKET_LENGTH - 12 - 4 - 12 : AUDIO_PAYLOAD_LENGTH];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        out = ByteBuffer.allocate(2048);
        payloadCopy = new byte[payload.length];
        wire = build().toByteArray();
        wireBuffer = ByteBuffer.wrap(wire);
        require(!video || wire.length == VIDEO_PACKET_LENGTH, "the video packet is " + wire.length + " bytes");

        RtpPacket packet = RtpPacket.parse(wireBuffer);
        require(packet.sequenceNumber() == sequenceNumber && packet.timestamp() == timestamp
                && packet.ssrc() == ssrc && packet.extensionCount() == 3
                && TransportSequenceNumberExtension.readSequenceNumber(packet.extension(TRANSPORT_CC_ID))
                        == transportSequenceNumber
                && packet.payload().equals(ByteBuffer.wrap(payload)), "the parsed packet is not the one built");
        out.clear();
        build().writeTo(out);
        require(out.flip().equals(wireBuffer), "serialize does not write the packet's bytes");
    }

    private org.ortc4j.rtp.packet.RtpPacketBuilder build() {
        org.ortc4j.rtp.packet.RtpPacketBuilder builder = RtpPacket.builder()
                .sequenceNumber(sequenceNumber)
                .timestamp(timestamp)
                .ssrc(ssrc)
                .payload(payload);
        if (video) {
            return builder.marker(true).payloadType(96)
                    .addExtension(ABS_SEND_TIME_ID, new AbsSendTimeExtension(absSendTime).encode())
                    .addExtension(TRANSPORT_CC_ID, new TransportSequenceNumberExtension(transportSequenceNumber).encode())
                    .addExtension(VIDEO_ORIENTATION_ID, new VideoOrientationExtension(false, false, 90).encode());
        }
        return builder.payloadType(111)
                .addExtension(AUDIO_LEVEL_ID, new AudioLevelExtension(true, 30).encode())
                .addExtension(TRANSPORT_CC_ID, new TransportSequenceNumberExtension(transportSequenceNumber).encode())
                .addExtension(MID_ID, new MidExtension("0").encode());
    }

    @Benchmark
    public void parse(Blackhole blackhole) throws RtpParseException {
        RtpPacket packet = RtpPacket.parse(wireBuffer);
        blackhole.consume(packet.sequenceNumber());
        blackhole.consume(packet.timestamp());
        blackhole.consume(packet.ssrc());
        blackhole.consume(packet.payloadType());
        blackhole.consume(packet.marker());
        blackhole.consume(TransportSequenceNumberExtension.readSequenceNumber(packet.extension(TRANSPORT_CC_ID)));
        if (video) {
            blackhole.consume(AbsSendTimeExtension.readValue(packet.extension(ABS_SEND_TIME_ID)));
            blackhole.consume(VideoOrientationExtension.decode(packet.extension(VIDEO_ORIENTATION_ID)));
        } else {
            blackhole.consume(AudioLevelExtension.decode(packet.extension(AUDIO_LEVEL_ID)));
            blackhole.consume(MidExtension.decode(packet.extension(MID_ID)));
        }
        blackhole.consume(packet.payload());
    }

    @Benchmark
    public ByteBuffer serialize() {
        out.clear();
        build().writeTo(out);
        return out;
    }

    @Benchmark
    public void bareRead(Blackhole blackhole) {
        ByteBuffer b = wireBuffer;
        blackhole.consume(b.get(0));
        blackhole.consume(b.get(1));
        blackhole.consume(b.getShort(2));
        blackhole.consume(b.getInt(4));
        blackhole.consume(b.getInt(8));
        System.arraycopy(wire, wire.length - payloadCopy.length, payloadCopy, 0, payloadCopy.length);
        blackhole.consume(payloadCopy);
    }

    @Benchmark
    public ByteBuffer bareWrite() {
        out.clear();
        out.put((byte) 0x80);
        out.put((byte) (video ? 0xe0 : 111));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt(ssrc);
        System.arraycopy(payload, 0, out.array(), 12, payload.length);
        out.position(12 + payload.length);
        return out;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
