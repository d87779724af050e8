package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.RealTimeDriver;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.VirtualNetwork;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;

/**
 * Video from an RTCRtpSender to an RTCRtpReceiver over DTLS-SRTP on the virtual network, with
 * reordering on the link and a tenth of the RTP datagrams dropped: NACK and RTX bring back every
 * frame; a packet whose every retransmission is lost makes the receiver give the frame up and ask
 * for a key frame with PLI; and the statistics count what the network did. Bouncy Castle's
 * handshake needs wall-clock timers, so the network's scheduler runs in real time.
 */
class RTCRtpVirtualNetworkTest {

    private static final long TIMEOUT_S = 30;
    private static final int SSRC = 0x1000;
    private static final int RTX_SSRC = 0x2000;
    private static final int FRAMES = 90;
    /** The least time between two frames offered (see {@link #play}). */
    private static final long MIN_FRAME_GAP_MS = 10;
    private static final LinkConditions REORDERING = LinkConditions.builder().delay(Duration.ofMillis(15))
            .jitter(Duration.ofMillis(4)).reordering(0.05).reorderDelay(Duration.ofMillis(10)).build();
    private static final RTCRtpParameters VIDEO = new RTCRtpParameters(List.of(
            RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).rtcpFeedback(new RTCRtcpFeedback("nack"),
                    new RTCRtcpFeedback("nack", "pli")).build(),
            RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, 97).parameter("apt", "96").build()),
            List.of(), new RTCRtcpParameters("vnet"));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<Runnable> toClose = new ArrayList<>();
    private RealTimeDriver driver;
    private VirtualNetwork network;

    @AfterEach
    void close() {
        if (driver != null) {
            try {
                driver.run(() -> toClose.forEach(Runnable::run));
            } finally {
                driver.close();
            }
        }
    }

    /** Counts and drops RTP datagrams from a: those the decider picks, by SSRC and sequence number. */
    private static final class RtpDropper {
        final AtomicInteger media = new AtomicInteger();
        final AtomicInteger rtx = new AtomicInteger();
        final AtomicInteger mediaDropped = new AtomicInteger();
        final AtomicInteger rtxDropped = new AtomicInteger();
        final List<Integer> droppedMediaSequenceNumbers = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int lastPassedMediaSequenceNumber = -1;
        private final Decider decider;

        interface Decider {
            boolean drop(int ssrc, int sequenceNumber, ByteBuffer datagram);
        }

        RtpDropper(Decider decider) {
            this.decider = decider;
        }

        boolean pass(ByteBuffer datagram) {
            int first = datagram.get(datagram.position()) & 0xFF;
            int second = datagram.get(datagram.position() + 1) & 0x7F;
            // RFC 7983 §7: 128..191 is RTP or RTCP; RFC 5761 §4: payload types 64..95 (with the
            // marker bit) are RTCP.
            if (first < 128 || first > 191 || (second >= 64 && second <= 95) || datagram.remaining() < 12) {
                return true;
            }
            int ssrc = datagram.getInt(datagram.position() + 8);
            int sequenceNumber = datagram.getShort(datagram.position() + 2) & 0xFFFF;
            boolean isRtx = ssrc == RTX_SSRC;
            (isRtx ? rtx : media).incrementAndGet();
            if (decider.drop(ssrc, sequenceNumber, datagram)) {
                (isRtx ? rtxDropped : mediaDropped).incrementAndGet();
                if (!isRtx) {
                    droppedMediaSequenceNumbers.add(sequenceNumber);
                }
                return false;
            }
            if (!isRtx) {
                lastPassedMediaSequenceNumber = sequenceNumber;
            }
            return true;
        }

        /**
         * RFC 3550 A.3's cumulative loss as the receiver must count it: media packets dropped
         * before the last one that got through (loss after the highest sequence number received
         * is not yet known to be loss; RTX does not move the media stream's highest).
         */
        long mediaLostBeforeHighest() {
            int last = lastPassedMediaSequenceNumber;
            return droppedMediaSequenceNumbers.stream().filter(seq -> ((last - seq) & 0xFFFF) < 0x8000).count();
        }
    }

    private record Pair(RTCRtpSender sender, RTCRtpReceiver receiver, HandFedTrack source) {
    }

    private Pair connect(long seed, RtpDropper dropper) throws Exception {
        network = new VirtualNetwork(scheduler, seed);
        RTCCertificate certificateA = RTCCertificate.generate();
        RTCCertificate certificateB = RTCCertificate.generate();
        driver = scheduler.runInRealTime();
        HandFedTrack source = new HandFedTrack(MediaKind.VIDEO);
        CompletableFuture<Pair> pair = driver.call(() -> {
            network.setLinkConditions(REORDERING);
            NetworkStack hostA = network.addHost("a", "198.51.100.1");
            NetworkStack hostB = network.addHost("b", "198.51.100.2");
            network.addDatagramFilter((from, to, payload) ->
                    !from.getAddress().getHostAddress().equals("198.51.100.1") || dropper.pass(payload));
            RTCIceTransport iceA = new RTCIceTransport(new RTCIceGatherer(RTCIceGatherOptions.defaults(), hostA));
            RTCIceTransport iceB = new RTCIceTransport(new RTCIceGatherer(RTCIceGatherOptions.defaults(), hostB));
            RTCDtlsTransport dtlsA = new RTCDtlsTransport(iceA, List.of(certificateA));
            RTCDtlsTransport dtlsB = new RTCDtlsTransport(iceB, List.of(certificateB));
            signal(iceA, iceB);
            signal(iceB, iceA);
            RTCRtpSender sender = new RTCRtpSender(source, dtlsA);
            RTCRtpReceiver receiver = new RTCRtpReceiver("video", dtlsB, false);
            toClose.add(() -> {
                sender.stop();
                receiver.stop();
                for (RTCDtlsTransport dtls : List.of(dtlsA, dtlsB)) {
                    dtls.stop();
                    dtls.iceTransport().stop();
                    dtls.iceTransport().iceGatherer().close();
                }
            });
            iceA.iceGatherer().gather();
            iceB.iceGatherer().gather();
            iceA.start(iceB.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLING);
            iceB.start(iceA.iceGatherer().getLocalParameters(), RTCIceRole.CONTROLLED);
            CompletableFuture<Void> connectedA = dtlsA.start(dtlsB.getLocalParameters());
            CompletableFuture<Void> connectedB = dtlsB.start(dtlsA.getLocalParameters());
            receiver.receive(RTCRtpReceiveParameters.of(VIDEO, null, List.of(RTCRtpDecodingParameters.ofSsrc(SSRC, RTX_SSRC))));
            sender.send(RTCRtpSendParameters.of(VIDEO, null, RTCRtpEncodingParameters.ofSsrc(SSRC, RTX_SSRC)));
            return CompletableFuture.allOf(connectedA, connectedB).thenApply(done -> new Pair(sender, receiver, source));
        });
        return pair.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void signal(RTCIceTransport from, RTCIceTransport to) {
        from.iceGatherer().onLocalCandidate(to::addRemoteCandidate);
        from.iceGatherer().onStateChange(state -> {
            if (state == RTCIceGathererState.COMPLETE) {
                to.addRemoteCandidate(null);
            }
        });
    }

    /** VP8-looking frames (RFC 6386 §9.1 key-frame bit) of 2 to 5 packets, a key frame every 30. */
    private static List<EncodedFrame> frames(IntPredicate key) {
        Random random = new Random(5);
        List<EncodedFrame> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            byte[] data = new byte[1500 + random.nextInt(3500)];
            random.nextBytes(data);
            data[0] = (byte) (key.test(i) ? data[0] & ~1 : data[0] | 1);
            frames.add(new EncodedFrame("video/VP8", data, key.test(i), i * 3000L, TimeBase.VIDEO_90KHZ, 3000));
        }
        return frames;
    }

    /**
     * Offers the frames at 30 per second on the network's clock, each once the sender has asked
     * for the next and at least {@link #MIN_FRAME_GAP_MS} after it asked. The network runs in real
     * time but the sender encodes on a media thread: offered on a fixed schedule, frames pile up
     * while that thread gets no CPU (a loaded 2-core machine) and then all leave at one virtual
     * instant, where the link's per-packet jitter and reordering scramble a hundred packets at
     * once, further than SRTP's 128-packet replay window and RFC 3550 A.1's 100-packet misorder
     * limit: seen as SRTP TOO_OLD drops, frames given up, and packetsLost above what was dropped.
     * No real sender dumps a backlog like that; a paced one is what the test is about.
     */
    private void play(HandFedTrack source, List<EncodedFrame> frames) {
        driver.run(() -> offerFrom(source, frames, 0, scheduler.nanoTime()));
    }

    /** On the driver: offers frame {@code i} and schedules the next once the sender asks for it. */
    private void offerFrom(HandFedTrack source, List<EncodedFrame> frames, int i, long start) {
        if (i == frames.size()) {
            return;
        }
        CompletableFuture<Void> asked = source.nextRecv();
        source.offer(frames.get(i));
        asked.thenRun(() -> scheduler.execute(() -> {
            long now = scheduler.nanoTime();
            long due = Math.max(start + TimeUnit.MILLISECONDS.toNanos((i + 1) * 33L),
                    now + TimeUnit.MILLISECONDS.toNanos(MIN_FRAME_GAP_MS));
            scheduler.schedule(() -> offerFrom(source, frames, i + 1, start), due - now, TimeUnit.NANOSECONDS);
        }));
    }

    private static RTCStats only(RTCStatsReport report, RTCStatsType type) {
        List<RTCStats> matching = report.ofType(type);
        assertThat(matching).as(type.value()).hasSize(1);
        return matching.get(0);
    }

    /** Waits, without sleeping, for a condition on the network's thread. */
    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}; on timeout the failure adds {@code state}, read on the network's thread. */
    private void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        java.util.concurrent.SynchronousQueue<Object> never = new java.util.concurrent.SynchronousQueue<>();
        while (!driver.call(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT_S + " s: " + what + " " + driver.call(state::get));
            }
            never.poll(20, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void nackAndRtxRecoverEveryFrameAndTheStatsCountTheLosses() throws Exception {
        Random loss = new Random(42);
        RtpDropper dropper = new RtpDropper((ssrc, seq, datagram) -> loss.nextDouble() < 0.10);
        Pair pair = connect(3, dropper);
        List<EncodedFrame> frames = frames(i -> i % 30 == 0);
        play(pair.source(), frames);

        for (int i = 0; i < FRAMES; i++) {
            expectFrame(pair, dropper, frames, i);
        }
        assertThat(dropper.mediaDropped.get()).as("the network dropped media").isPositive();

        // Once the last retransmission has landed, what the sender sent minus what the network
        // dropped is what the receiver received, for media and for RTX alike. The counts are
        // awaited together, and with every NACK the receiver sent having reached the sender: a
        // NACK repeated while the first retransmission was on its way triggers one more
        // retransmission after the totals first agree (the sender answers a NACK at once, on the
        // network's thread, so once it has every NACK nothing more is coming).
        await("every datagram sent is accounted for", () -> {
            RTCStats out = only(join(pair.sender().getStats()), RTCStatsType.OUTBOUND_RTP);
            RTCStats in = only(join(pair.receiver().getStats()), RTCStatsType.INBOUND_RTP);
            return out.getLong("packetsSent") - dropper.mediaDropped.get() - dropper.rtxDropped.get()
                    == in.getLong("packetsReceived")
                    && in.getLong("retransmittedPacketsReceived") == dropper.rtx.get() - dropper.rtxDropped.get()
                    && out.getLong("nackCount") == in.getLong("nackCount");
        }, () -> "(dropped media " + dropper.mediaDropped + ", rtx " + dropper.rtx + " sent by a, " + dropper.rtxDropped
                + " dropped; network " + network + "\nsender " + join(pair.sender().getStats()).ofType(RTCStatsType.OUTBOUND_RTP)
                + "\nreceiver " + join(pair.receiver().getStats()).ofType(RTCStatsType.INBOUND_RTP) + "\nsession b "
                + org.ortc4j.rtp.internal.session.RtpSession.of(pair.receiver().transport()).stats() + ")");
        RTCStats out = only(join(pair.sender().getStats()), RTCStatsType.OUTBOUND_RTP);
        RTCStats in = only(join(pair.receiver().getStats()), RTCStatsType.INBOUND_RTP);
        assertThat(out.getLong("packetsSent")).isEqualTo(dropper.media.get() + dropper.rtx.get());
        assertThat(out.getLong("retransmittedPacketsSent")).isEqualTo(dropper.rtx.get());
        assertThat(in.getLong("retransmittedPacketsReceived")).isEqualTo(dropper.rtx.get() - dropper.rtxDropped.get());
        // RFC 3550 A.3: the media stream's own loss, though every dropped packet came back as RTX.
        var sessionB = driver.call(() -> org.ortc4j.rtp.internal.session.RtpSession.of(pair.receiver().transport()).stats());
        assertThat(in.getLong("packetsLost")).as("dropped %s, last through %d, network %s, in %s, session %s",
                dropper.droppedMediaSequenceNumbers, dropper.lastPassedMediaSequenceNumber, network, in, sessionB)
                .isEqualTo(dropper.mediaLostBeforeHighest());
        assertThat(in.getLong("nackCount")).isPositive();
        assertThat(out.getLong("nackCount")).isPositive().isEqualTo(in.getLong("nackCount"));
        assertThat(in.getLong("framesReceived")).isEqualTo(FRAMES);
        assertThat(in.getLong("framesDropped")).isZero();
        assertThat(in.getLong("pliCount")).isZero();
        assertThat(out.getString("codecId")).isEqualTo(in.getString("codecId").replace(in.getString("transportId"),
                out.getString("transportId")));

        // RFC 3550 §6.4.1: the peer's receiver reports give the round trip, 2 × 15 ms of link
        // delay plus up to 4 ms of jitter each way (and the report's 1/65536 s rounding), plus
        // the time both ends' threads take to handle the packets, which the network runs in real
        // time: tens of milliseconds on a loaded 2-core machine. A report whose DLSR was not
        // subtracted would be off by the report interval (hundreds of milliseconds).
        await("a receiver report with LSR came back", () ->
                join(pair.sender().getStats()).ofType(RTCStatsType.REMOTE_INBOUND_RTP).stream().anyMatch(r -> r.has("roundTripTime")));
        RTCStats remote = only(join(pair.sender().getStats()), RTCStatsType.REMOTE_INBOUND_RTP);
        assertThat(remote.getDouble("roundTripTime")).isBetween(0.029, 0.080);
        assertThat(remote.getString("localId")).isEqualTo(out.id());
        assertThat(out.getString("remoteId")).isEqualTo(remote.id());
    }

    @Test
    void aFrameWhoseRetransmissionsAreAllLostIsGivenUpWithAPli() throws Exception {
        // Every packet of frame 10, and every retransmission of it, is lost for good: they carry
        // frame 10's RTP timestamp (RTX keeps the original's, RFC 4588 §4), 10 × 3000 after the
        // first frame's.
        long[] firstTimestamp = {-1};
        RtpDropper dropper = new RtpDropper((ssrc, seq, datagram) -> {
            long timestamp = datagram.getInt(datagram.position() + 4) & 0xFFFF_FFFFL;
            if (firstTimestamp[0] < 0 && ssrc == SSRC) {
                firstTimestamp[0] = timestamp;
            }
            return firstTimestamp[0] >= 0 && timestamp == ((firstTimestamp[0] + 10 * 3000L) & 0xFFFF_FFFFL);
        });
        Pair pair = connect(4, dropper);
        List<EncodedFrame> frames = frames(i -> i % 30 == 0);
        play(pair.source(), frames);

        for (int i = 0; i < 10; i++) {
            expectFrame(pair, dropper, frames, i);
        }
        // Frames 11 to 29 depend on the lost frame 10: the next frame out is the key frame 30.
        for (int i = 30; i < FRAMES; i++) {
            expectFrame(pair, dropper, frames, i);
        }
        assertThat(dropper.rtxDropped.get()).as("retransmissions of frame 10 were sent and lost").isPositive();
        RTCStats in = only(join(pair.receiver().getStats()), RTCStatsType.INBOUND_RTP);
        assertThat(in.getLong("pliCount")).isPositive();
        // Frame 10 never arrived at all, so it is not a frame received; 11 to 29 arrived whole
        // and were dropped before decoding (W3C webrtc-stats framesDropped).
        assertThat(in.getLong("framesDropped")).isEqualTo(19);
        assertThat(in.getLong("framesReceived")).isEqualTo(FRAMES - 1);
        await("the sender heard the PLI", () ->
                only(join(pair.sender().getStats()), RTCStatsType.OUTBOUND_RTP).getLong("pliCount") > 0);
    }

    /**
     * Receives the next frame and checks that it is frame {@code index}; if not, the failure names
     * the frame that came instead and both ends' statistics, so that a failure on a loaded CI
     * machine says whether the sender skipped frames or the receiver dropped them.
     */
    private void expectFrame(Pair pair, RtpDropper dropper, List<EncodedFrame> frames, int index) throws Exception {
        EncodedFrame received = (EncodedFrame) pair.receiver().track().recv().get(TIMEOUT_S, TimeUnit.SECONDS);
        byte[] bytes = received.toByteArray();
        if (!java.util.Arrays.equals(bytes, frames.get(index).toByteArray())) {
            int came = -1;
            for (int j = 0; j < frames.size(); j++) {
                if (java.util.Arrays.equals(bytes, frames.get(j).toByteArray())) {
                    came = j;
                    break;
                }
            }
            RTCStatsReport out = join(pair.sender().getStats());
            RTCStatsReport in = join(pair.receiver().getStats());
            var sessionB = driver.call(() -> org.ortc4j.rtp.internal.session.RtpSession.of(pair.receiver().transport()).stats());
            throw new AssertionError("frame " + index + " expected, frame " + came + " (pts " + received.pts()
                    + ", " + bytes.length + " bytes) came; dropped media " + dropper.droppedMediaSequenceNumbers
                    + ", rtx " + dropper.rtx + " (" + dropper.rtxDropped + " dropped), network " + driver.call(network::toString)
                    + "\nsender " + out.ofType(RTCStatsType.OUTBOUND_RTP)
                    + "\nreceiver " + in.ofType(RTCStatsType.INBOUND_RTP) + "\nsession " + sessionB);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
