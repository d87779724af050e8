package org.ortc4j.rtp.internal.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.payload.H264Depacketizer;
import org.ortc4j.rtp.payload.H264PacketizationMode;
import org.ortc4j.rtp.payload.H264Packetizer;
import org.ortc4j.rtp.payload.OpusDepacketizer;
import org.ortc4j.rtp.payload.OpusPacketizer;
import org.ortc4j.rtp.payload.RtpPacketizer;
import org.ortc4j.rtp.payload.RtpPayload;
import org.ortc4j.rtp.payload.Vp8Depacketizer;
import org.ortc4j.rtp.payload.Vp8Packetizer;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final int VP8 = 96;
    private static final int H264 = 102;
    private static final int OPUS = 111;
    private static final long FRAME_TICKS = 3000; // 30 fps at 90 kHz

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Recorder recorder = new Recorder();
    private final Random random = new Random(7);

    /** What the buffer gave its listener. */
    private static final class Recorder implements JitterBuffer.Listener {
        final List<EncodedFrame> frames = new ArrayList<>();
        final List<Integer> payloadTypes = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();
        int keyFrameRequests;

        @Override
        public void onFrame(EncodedFrame frame, int payloadType, long firstArrivalNanos) {
            frames.add(frame);
            payloadTypes.add(payloadType);
            arrivals.add(firstArrivalNanos);
        }

        @Override
        public void onKeyFrameNeeded() {
            keyFrameRequests++;
        }
    }

    /** One sent frame: its bytes and RTP packets. */
    private record Sent(byte[] data, boolean key, long timestamp, List<RtpPacket> packets) {}

    /** A sender of one stream: packetizes frames into consecutive RTP packets. */
    private static final class Sender {
        final RtpPacketizer packetizer;
        final int payloadType;
        final int maxPayload;
        int sequence;
        long timestamp;

        Sender(RtpPacketizer packetizer, int payloadType, int maxPayload, int sequence, long timestamp) {
            this.packetizer = packetizer;
            this.payloadType = payloadType;
            this.maxPayload = maxPayload;
            this.sequence = sequence;
            this.timestamp = timestamp;
        }

        Sent send(byte[] data, boolean key, long ticks) {
            List<RtpPacket> packets = new ArrayList<>();
            for (RtpPayload payload : packetizer.packetize(ByteBuffer.wrap(data), maxPayload)) {
                packets.add(RtpPacket.builder().payloadType(payloadType).sequenceNumber(sequence & 0xFFFF)
                        .timestamp(timestamp & 0xFFFF_FFFFL).ssrc(0x1234).marker(payload.marker())
                        .payload(payload.toByteArray()).build());
                sequence++;
            }
            Sent sent = new Sent(data, key, timestamp, packets);
            timestamp += ticks;
            return sent;
        }
    }

    private JitterBuffer videoBuffer() {
        return videoBuffer(JitterBufferConfig.defaults("video"));
    }

    private JitterBuffer videoBuffer(JitterBufferConfig config) {
        return new JitterBuffer(scheduler, "video", List.of(
                new ReceiveCodec(VP8, "video/VP8", 90_000, new Vp8Depacketizer()),
                new ReceiveCodec(H264, "video/H264", 90_000, new H264Depacketizer())), config, recorder);
    }

    private JitterBuffer audioBuffer() {
        return new JitterBuffer(scheduler, "audio",
                List.of(new ReceiveCodec(OPUS, "audio/opus", 48_000, new OpusDepacketizer())),
                JitterBufferConfig.defaults("audio"), recorder);
    }

    private byte[] vp8Frame(boolean key, int size) {
        byte[] frame = new byte[size];
        random.nextBytes(frame);
        // RFC 6386 §9.1: bit 0 of the frame tag is 0 for a key frame.
        frame[0] = (byte) (key ? frame[0] & ~1 : frame[0] | 1);
        return frame;
    }

    private Sender vp8Sender() {
        return new Sender(new Vp8Packetizer(100), VP8, 1000, 5000, 90_000);
    }

    private void insert(JitterBuffer buffer, RtpPacket packet) {
        buffer.insert(packet, scheduler.nanoTime());
    }

    private void insertFrame(JitterBuffer buffer, Sent frame) {
        frame.packets().forEach(p -> insert(buffer, p));
    }

    private void assertReleased(List<Sent> expected) {
        assertThat(recorder.frames).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            EncodedFrame frame = recorder.frames.get(i);
            Sent sent = expected.get(i);
            assertThat(frame.toByteArray()).as("frame %d", i).isEqualTo(sent.data());
            assertThat(frame.keyFrame()).as("frame %d key", i).isEqualTo(sent.key());
            assertThat(frame.pts() & 0xFFFF_FFFFL).isEqualTo(sent.timestamp() & 0xFFFF_FFFFL);
        }
    }

    @Test
    void inOrderVp8FramesComeOutBitExactWithUnwrappedTimestamps() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(sender.send(vp8Frame(i % 10 == 0, 500 + random.nextInt(5000)), i % 10 == 0, FRAME_TICKS));
            insertFrame(buffer, sent.get(i));
            scheduler.advance(Duration.ofMillis(33));
        }
        assertReleased(sent);
        assertThat(recorder.frames.get(0).mimeType()).isEqualTo("video/VP8");
        assertThat(recorder.frames.get(0).timeBase()).isEqualTo(TimeBase.ofRate(90_000));
        assertThat(recorder.frames.get(1).pts() - recorder.frames.get(0).pts()).isEqualTo(FRAME_TICKS);
        assertThat(recorder.payloadTypes).containsOnly(VP8);
        assertThat(recorder.arrivals.get(1)).isEqualTo(33_000_000L);
        JitterBufferStats stats = buffer.stats();
        long packets = sent.stream().mapToLong(s -> s.packets().size()).sum();
        assertThat(stats).isEqualTo(new JitterBufferStats(packets, 0, 0, 0, 0, 20, 2, 0, 0));
        assertThat(recorder.keyFrameRequests).isZero();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void h264AccessUnitsComeOutAsAnnexB() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = new Sender(new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED), H264, 1000, 65_000, 0);
        List<Sent> sent = new ArrayList<>();
        byte[] sps = {0x67, 0x42, (byte) 0xC0, 0x1F, 0x11};
        byte[] pps = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};
        for (int i = 0; i < 6; i++) {
            boolean key = i == 0;
            byte[] slice = nonZero(2500);
            slice[0] = (byte) (key ? 0x65 : 0x41);
            byte[] data = key ? annexB(sps, pps, slice) : annexB(slice);
            sent.add(sender.send(data, key, FRAME_TICKS));
            insertFrame(buffer, sent.get(i));
        }
        assertReleased(sent);
    }

    @Test
    void everyOrderOfAFourPacketFrameGivesTheFrameOnce() {
        Sent frame = vp8Sender().send(vp8Frame(true, 3500), true, FRAME_TICKS);
        assertThat(frame.packets()).hasSize(4);
        List<List<Integer>> orders = new ArrayList<>();
        permutations(new ArrayList<>(List.of(0, 1, 2, 3)), 0, orders);
        assertThat(orders).hasSize(24);
        for (List<Integer> order : orders) {
            recorder.frames.clear();
            JitterBuffer buffer = videoBuffer();
            for (int i : order) {
                insert(buffer, frame.packets().get(i));
            }
            assertThat(recorder.frames).as("order %s", order).hasSize(1);
            assertThat(recorder.frames.get(0).toByteArray()).isEqualTo(frame.data());
            buffer.close();
        }
        assertThat(recorder.keyFrameRequests).isZero();
    }

    @Test
    void shuffledStreamWithDuplicatesComesOutOnceInOrder() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        List<Sent> sent = new ArrayList<>();
        List<RtpPacket> wire = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean key = i % 50 == 0;
            sent.add(sender.send(vp8Frame(key, 200 + random.nextInt(4000)), key, FRAME_TICKS));
            wire.addAll(sent.get(i).packets());
        }
        int total = wire.size();
        // 10 % of packets swap with one up to 8 places later; 5 % are sent again up to 20 places later.
        for (int i = 0; i < wire.size() - 8; i++) {
            if (random.nextInt(10) == 0) {
                Collections.swap(wire, i, i + 1 + random.nextInt(8));
            }
        }
        int duplicates = 0;
        for (int i = 0; i < wire.size() - 20; i++) {
            if (random.nextInt(20) == 0) {
                wire.add(i + 1 + random.nextInt(20), wire.get(i));
                duplicates++;
            }
        }
        for (RtpPacket packet : wire) {
            insert(buffer, packet);
            scheduler.advance(Duration.ofMillis(1));
        }
        assertReleased(sent);
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.packetsReceived()).isEqualTo(total + duplicates);
        // A copy of a packet still held is a duplicate; of one already released, late.
        assertThat(stats.packetsDuplicated() + stats.packetsDiscarded()).isEqualTo(duplicates);
        assertThat(stats.framesReceived()).isEqualTo(200);
        assertThat(stats.keyFramesReceived()).isEqualTo(4);
        assertThat(stats.framesDropped()).isZero();
        assertThat(recorder.keyFrameRequests).isZero();
    }

    @Test
    void lostPacketGivesUpItsFrameAfterMaxWaitAndDeltaFramesWaitForTheNextKeyFrame() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            boolean key = i == 0 || i == 4;
            sent.add(sender.send(vp8Frame(key, 2500), key, FRAME_TICKS));
        }
        for (int i = 0; i < 5; i++) {
            for (int p = 0; p < sent.get(i).packets().size(); p++) {
                if (i != 1 || p != 1) {
                    insert(buffer, sent.get(i).packets().get(p));
                }
            }
            scheduler.advance(Duration.ofMillis(33));
        }
        // Frame 1 arrived at 33 ms: it waits until 533 ms for its hole.
        scheduler.advance(Duration.ofMillis(532 - 165));
        assertThat(recorder.frames).hasSize(1);
        assertThat(recorder.keyFrameRequests).isZero();
        scheduler.advance(Duration.ofMillis(1));
        assertReleased(List.of(sent.get(0), sent.get(4)));
        assertThat(recorder.keyFrameRequests).isEqualTo(1);
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.framesDropped()).isEqualTo(3);
        assertThat(stats.keyFrameRequests()).isEqualTo(1);
        assertThat(stats.framesReceived()).isEqualTo(2);
        assertThat(stats.packetsDiscarded()).isZero();
        // The missing packet, arriving now, is late.
        insert(buffer, sent.get(1).packets().get(1));
        assertThat(buffer.stats().packetsDiscarded()).isEqualTo(1);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void keyFrameRequestsAreRateLimitedWhileWaiting() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        // Two seconds of delta frames: the stream never gets a key frame.
        for (int i = 0; i < 60; i++) {
            insertFrame(buffer, sender.send(vp8Frame(false, 1500), false, FRAME_TICKS));
            scheduler.advance(Duration.ofMillis(33));
        }
        assertThat(recorder.frames).isEmpty();
        // At 0 ms, at 1000 ms (frame 31 at 1023 ms) and frame 61 would be the third.
        assertThat(recorder.keyFrameRequests).isEqualTo(2);
        assertThat(buffer.stats().framesDropped()).isEqualTo(60);
    }

    @Test
    void lateArrivalWithinMaxWaitCompletesTheFrame() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(sender.send(vp8Frame(i == 0, 2500), i == 0, FRAME_TICKS));
        }
        RtpPacket lost = sent.get(1).packets().get(2);
        for (Sent frame : sent) {
            frame.packets().stream().filter(p -> p != lost).forEach(p -> insert(buffer, p));
            scheduler.advance(Duration.ofMillis(33));
        }
        assertThat(recorder.frames).hasSize(1);
        scheduler.advance(Duration.ofMillis(300));
        insert(buffer, lost); // as RTX would bring it after a NACK
        assertReleased(sent);
        assertThat(recorder.keyFrameRequests).isZero();
        assertThat(buffer.stats().framesDropped()).isZero();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void lostFirstPacketsOfAFrameAreWaitedForFromTheLaterPacket() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        Sent key = sender.send(vp8Frame(true, 1500), true, FRAME_TICKS);
        Sent lost = sender.send(vp8Frame(false, 1500), false, FRAME_TICKS);
        Sent next = sender.send(vp8Frame(false, 1500), false, FRAME_TICKS);
        insertFrame(buffer, key);
        scheduler.advance(Duration.ofMillis(100));
        insertFrame(buffer, next); // proves the loss at 100 ms
        scheduler.advance(Duration.ofMillis(499));
        assertThat(recorder.frames).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(recorder.frames).hasSize(1);
        assertThat(recorder.keyFrameRequests).isEqualTo(1);
        assertThat(buffer.stats().framesDropped()).isEqualTo(1); // next; the lost frame had no packet here
        lost.packets().forEach(p -> insert(buffer, p));
        assertThat(buffer.stats().packetsDiscarded()).isEqualTo(lost.packets().size());
    }

    @Test
    void streamStartingWithDeltaFramesWaitsForAKeyFrameAndAsks() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(sender.send(vp8Frame(i == 3, 2000), i == 3, FRAME_TICKS));
            insertFrame(buffer, sent.get(i));
            scheduler.advance(Duration.ofMillis(33));
        }
        assertReleased(sent.subList(3, 6));
        assertThat(recorder.keyFrameRequests).isEqualTo(1);
        assertThat(buffer.stats().framesDropped()).isEqualTo(3);
    }

    @Test
    void completeKeyFrameBehindAHoleLeavesAtOnceWhenWaitingForOne() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        Sent delta = sender.send(vp8Frame(false, 2500), false, FRAME_TICKS);
        Sent key = sender.send(vp8Frame(true, 2500), true, FRAME_TICKS);
        insert(buffer, delta.packets().get(0)); // the rest of the delta frame never comes
        insertFrame(buffer, key);
        assertReleased(List.of(key));
        assertThat(buffer.stats().framesDropped()).isEqualTo(1);
    }

    @Test
    void audioGapIsSkippedAfterAudioMaxWait() {
        JitterBuffer buffer = audioBuffer();
        Sender sender = new Sender(new OpusPacketizer(), OPUS, 1200, 65_530, 0xFFFF_FFFFL - 2000);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] opus = new byte[60 + i];
            random.nextBytes(opus);
            sent.add(sender.send(opus, true, 960));
        }
        for (int i = 0; i < 10; i++) {
            if (i != 3) {
                insertFrame(buffer, sent.get(i));
            }
            if (i == 6) {
                // Packet 4 came at 80 ms: the hole before it is waited for until 140 ms.
                assertThat(recorder.frames).hasSize(3);
            }
            scheduler.advance(Duration.ofMillis(20));
            if (i == 6) {
                assertThat(recorder.frames).hasSize(6);
            }
        }
        List<Sent> expected = new ArrayList<>(sent);
        expected.remove(3);
        assertReleased(expected);
        assertThat(recorder.frames.get(0).mimeType()).isEqualTo("audio/opus");
        assertThat(recorder.frames.get(9 - 1).pts() - recorder.frames.get(0).pts()).isEqualTo(9 * 960);
        assertThat(recorder.keyFrameRequests).isZero();
        assertThat(buffer.stats()).isEqualTo(new JitterBufferStats(9, 0, 0, 0, 0, 9, 0, 0, 0));
    }

    @Test
    void audioHoleWaitsExactlyAudioMaxWait() {
        JitterBuffer buffer = audioBuffer();
        Sender sender = new Sender(new OpusPacketizer(), OPUS, 1200, 10, 0);
        Sent a = sender.send(new byte[] {1}, true, 960);
        sender.send(new byte[] {2}, true, 960);
        Sent c = sender.send(new byte[] {3}, true, 960);
        insertFrame(buffer, a);
        insertFrame(buffer, c);
        scheduler.advance(Duration.ofMillis(59));
        assertThat(recorder.frames).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertReleased(List.of(a, c));
    }

    @Test
    void sequenceAndTimestampWrapKeepOrderAndPts() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = new Sender(new Vp8Packetizer(), VP8, 1000, 65_520, 0x1_0000_0000L - 3 * FRAME_TICKS);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(sender.send(vp8Frame(i == 0, 2500), i == 0, FRAME_TICKS));
        }
        // Send them with each frame's packets reversed, across both wraps.
        for (Sent frame : sent) {
            List<RtpPacket> reversed = new ArrayList<>(frame.packets());
            Collections.reverse(reversed);
            reversed.forEach(p -> insert(buffer, p));
        }
        assertReleased(sent);
        for (int i = 1; i < 10; i++) {
            assertThat(recorder.frames.get(i).pts() - recorder.frames.get(i - 1).pts()).isEqualTo(FRAME_TICKS);
        }
    }

    @Test
    void floodOfOneNeverCompletedFrameStaysWithinTheBound() {
        JitterBufferConfig config = new JitterBufferConfig(Duration.ofMillis(500), Duration.ofMillis(60), 100,
                Duration.ofSeconds(1));
        JitterBuffer buffer = videoBuffer(config);
        Sender sender = vp8Sender();
        Sent key = sender.send(vp8Frame(true, 900), true, FRAME_TICKS);
        insertFrame(buffer, key);
        byte[] start = {0x10, 1, 2, 3}; // VP8 descriptor S = 1: starts the frame
        byte[] continuation = {0x00, 1, 2, 3}; // S = 0; and no packet has the marker
        int floodSize = 1000;
        for (int i = 0; i < floodSize; i++) {
            insert(buffer, RtpPacket.builder().payloadType(VP8).sequenceNumber(sender.sequence++ & 0xFFFF)
                    .timestamp(sender.timestamp).ssrc(0x1234).payload(i == 0 ? start : continuation).build());
            assertThat(buffer.packetsHeld()).isLessThanOrEqualTo(100);
        }
        assertReleased(List.of(key));
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.packetsReceived()).isEqualTo(1 + floodSize);
        // The 101st packet overflows the bound: the frame is given up, it and all later packets discarded.
        assertThat(stats.packetsDiscarded()).isEqualTo(floodSize);
        assertThat(buffer.packetsHeld()).isZero();
        assertThat(stats.framesDropped()).isEqualTo(1);
        assertThat(stats.keyFrameRequests()).isEqualTo(1);
    }

    @Test
    void malformedPayloadsAreCountedAndDropped() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        insertFrame(buffer, sender.send(vp8Frame(true, 900), true, FRAME_TICKS));
        // A frame of a descriptor alone (S = 1) holds no VP8 data: the depacketizer rejects the frame.
        insert(buffer, RtpPacket.builder().payloadType(VP8).sequenceNumber(sender.sequence++)
                .timestamp(sender.timestamp).ssrc(1).marker(true).payload(new byte[] {0x10}).build());
        assertThat(buffer.stats().packetsMalformed()).isEqualTo(1);
        // Empty payload: no VP8 descriptor to read.
        sender.timestamp += FRAME_TICKS;
        insert(buffer, RtpPacket.builder().payloadType(VP8).sequenceNumber(sender.sequence++).timestamp(sender.timestamp)
                .ssrc(1).marker(true).payload(new byte[0]).build());
        scheduler.advance(Duration.ofSeconds(1));
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.packetsMalformed()).isEqualTo(2);
        assertThat(stats.framesReceived()).isEqualTo(1);
        assertThat(stats.framesDropped()).isEqualTo(1);
        assertThat(recorder.keyFrameRequests).isEqualTo(1);
    }

    @Test
    void audioCountersAddUp() {
        JitterBuffer buffer = audioBuffer();
        Sender sender = new Sender(new OpusPacketizer(), OPUS, 1200, 300, 0);
        Sent a = sender.send(new byte[] {1, 2}, true, 960);
        insertFrame(buffer, a);
        insertFrame(buffer, a); // late: already released
        // An empty Opus payload (RFC 6716 §3.4: packets are at least one byte) is malformed.
        insert(buffer, RtpPacket.builder().payloadType(OPUS).sequenceNumber(sender.sequence++)
                .timestamp(sender.timestamp).ssrc(1).payload(new byte[0]).build());
        sender.timestamp += 960;
        Sent c = sender.send(new byte[] {3}, true, 960);
        insertFrame(buffer, c);
        insertFrame(buffer, c); // already released too
        insert(buffer, RtpPacket.builder().payloadType(0).sequenceNumber(sender.sequence).timestamp(0).ssrc(1)
                .payload(new byte[] {9}).build());
        assertReleased(List.of(a, c));
        // The malformed packet is an audio frame the depacketizer rejected: one frame dropped.
        assertThat(buffer.stats()).isEqualTo(new JitterBufferStats(6, 0, 2, 1, 1, 2, 0, 1, 0));
        assertThat(recorder.keyFrameRequests).isZero();
    }

    @Test
    void unknownPayloadTypesAreCountedAndDropped() {
        JitterBuffer buffer = videoBuffer();
        insert(buffer, RtpPacket.builder().payloadType(97).sequenceNumber(1).timestamp(1).ssrc(1).marker(true)
                .payload(new byte[] {0x10, 0x00}).build());
        assertThat(buffer.stats()).isEqualTo(new JitterBufferStats(1, 0, 0, 0, 1, 0, 0, 0, 0));
        assertThat(buffer.packetsHeld()).isZero();
    }

    @Test
    void senderRestartFlushesAndStartsOver() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        Sent first = sender.send(vp8Frame(true, 900), true, FRAME_TICKS);
        Sent incomplete = sender.send(vp8Frame(false, 2500), false, FRAME_TICKS);
        insertFrame(buffer, first);
        insert(buffer, incomplete.packets().get(0));
        Sender restarted = new Sender(new Vp8Packetizer(), VP8, 1000, sender.sequence + 20_000, 12345);
        Sent key = restarted.send(vp8Frame(true, 2500), true, FRAME_TICKS);
        insertFrame(buffer, key);
        assertReleased(List.of(first, key));
        assertThat(buffer.stats().packetsDiscarded()).isEqualTo(1);
        assertThat(recorder.keyFrameRequests).isEqualTo(1);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void closeCancelsTheTimerAndIgnoresLaterPackets() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        Sent frame = sender.send(vp8Frame(true, 2500), true, FRAME_TICKS);
        insert(buffer, frame.packets().get(0));
        assertThat(scheduler.pendingTasks()).isEqualTo(1);
        buffer.close();
        assertThat(scheduler.pendingTasks()).isZero();
        insert(buffer, frame.packets().get(1));
        assertThat(buffer.stats().packetsReceived()).isEqualTo(1);
    }

    @Test
    void lossyReorderedStreamReleasesOnlyWholeFramesInOrderAndADecodableChain() {
        JitterBuffer buffer = videoBuffer();
        Sender sender = vp8Sender();
        java.util.Map<Long, Sent> byTimestamp = new java.util.HashMap<>();
        java.util.Set<Long> damaged = new java.util.HashSet<>();
        List<RtpPacket> wire = new ArrayList<>();
        int vanished = 0;
        for (int i = 0; i < 300; i++) {
            boolean key = i % 30 == 0;
            Sent frame = sender.send(vp8Frame(key, 200 + random.nextInt(4000)), key, FRAME_TICKS);
            byTimestamp.put(frame.timestamp(), frame);
            int lost = 0;
            for (RtpPacket packet : frame.packets()) {
                if (random.nextInt(100) < 3) {
                    damaged.add(frame.timestamp());
                    lost++;
                } else {
                    wire.add(packet);
                }
            }
            if (lost == frame.packets().size()) {
                vanished++;
            }
        }
        for (int i = 0; i < wire.size() - 5; i++) {
            if (random.nextInt(10) == 0) {
                Collections.swap(wire, i, i + 1 + random.nextInt(5));
            }
        }
        for (RtpPacket packet : wire) {
            insert(buffer, packet);
            scheduler.advance(Duration.ofMillis(1));
        }
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(damaged).isNotEmpty();
        long previous = -1;
        boolean decodable = false;
        for (EncodedFrame frame : recorder.frames) {
            long timestamp = frame.pts() & 0xFFFF_FFFFL;
            Sent sent = byTimestamp.get(timestamp);
            assertThat(damaged).doesNotContain(timestamp);
            assertThat(frame.toByteArray()).isEqualTo(sent.data());
            assertThat(frame.pts()).isGreaterThan(previous);
            // Each delta frame follows its predecessor or a key frame: nothing it references was skipped.
            if (!frame.keyFrame()) {
                assertThat(decodable).isTrue();
                assertThat(timestamp - FRAME_TICKS).isEqualTo(previous & 0xFFFF_FFFFL);
            }
            decodable = true;
            previous = frame.pts();
        }
        JitterBufferStats stats = buffer.stats();
        // A frame none of whose packets came is not known to the buffer, so not counted.
        assertThat(vanished).isPositive();
        assertThat(stats.framesReceived() + stats.framesDropped()).isEqualTo(300 - vanished);
        assertThat(stats.framesReceived()).isGreaterThan(30);
        assertThat(stats.keyFrameRequests()).isPositive();
        assertThat(buffer.packetsHeld()).isZero();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void hostilePacketsNeverThrowAndStayBounded() {
        JitterBufferConfig config = new JitterBufferConfig(Duration.ofMillis(500), Duration.ofMillis(60), 64,
                Duration.ofSeconds(1));
        JitterBuffer buffer = videoBuffer(config);
        int sequence = 0;
        long timestamp = 0;
        int[] payloadTypes = {VP8, H264, 0};
        for (int i = 0; i < 20_000; i++) {
            sequence += random.nextInt(50) == 0 ? random.nextInt(65_536) : random.nextInt(7) - 2;
            timestamp += random.nextInt(100) == 0 ? random.nextLong() : random.nextInt(3) * 1500L;
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            insert(buffer, RtpPacket.builder().payloadType(payloadTypes[random.nextInt(3)])
                    .sequenceNumber(sequence & 0xFFFF).timestamp(timestamp & 0xFFFF_FFFFL).ssrc(1)
                    .marker(random.nextBoolean()).payload(payload).build());
            assertThat(buffer.packetsHeld()).isLessThanOrEqualTo(64);
            assertThat(scheduler.pendingTasks()).isLessThanOrEqualTo(1);
            scheduler.advance(Duration.ofMillis(random.nextInt(20)));
        }
        JitterBufferStats stats = buffer.stats();
        assertThat(stats.packetsReceived()).isEqualTo(20_000);
        assertThat(recorder.frames).hasSize((int) stats.framesReceived());
        assertThat(recorder.keyFrameRequests).isEqualTo((int) stats.keyFrameRequests());
    }

    private byte[] nonZero(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    private static byte[] annexB(byte[]... nals) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] nal : nals) {
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes(nal);
        }
        return out.toByteArray();
    }

    private static void permutations(List<Integer> items, int k, List<List<Integer>> out) {
        if (k == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = k; i < items.size(); i++) {
            Collections.swap(items, k, i);
            permutations(items, k + 1, out);
            Collections.swap(items, k, i);
        }
    }
}
