package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamTrackState;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.interceptor.RtpStreamInfo;
import org.ortc4j.rtp.internal.LoopCalls;
import org.ortc4j.rtp.internal.session.RtpSession;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;
import org.ortc4j.rtp.packet.RtpHeaderExtensionMap;
import org.ortc4j.rtp.packet.RtpPacket;

/**
 * W3C §4.4.1.6: applying a description sets a sender's and a receiver's transport to their
 * section's (BUNDLE accepted or refused). {@code setTransport} moves a running stream from one
 * connected DTLS transport to another: media goes on, on the new transport only, with the same
 * SSRC and sequence numbers.
 */
class RTCRtpSetTransportTest {

    private static final long TIMEOUT_S = DtlsLoopback.TIMEOUT_S;
    private static final RTCRtpCodecParameters OPUS = RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111)
            .channels(2).build();
    private static final RTCRtpParameters AUDIO = new RTCRtpParameters(List.of(OPUS), List.of(
            new RTCRtpHeaderExtensionParameters(1, MidExtension.URI),
            new RTCRtpHeaderExtensionParameters(2, AudioLevelExtension.URI)), new RTCRtcpParameters("move-cname"));

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Random random = new Random(5);
    private long pts;

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private DtlsLoopback connect() throws Exception {
        DtlsLoopback pair = DtlsLoopback.connect();
        toClose.add(pair);
        return pair;
    }

    private byte[] offerPacket(HandFedTrack source) {
        byte[] packet = new byte[20 + random.nextInt(200)];
        random.nextBytes(packet);
        source.offer(new EncodedFrame("audio/opus", packet, false, pts, TimeBase.ofRate(48_000), 960));
        pts += 960;
        return packet;
    }

    @Test
    void aSendingPairMovedToASecondTransportKeepsItsTrackAndItsMediaFlowsAfterTheFirstCloses() throws Exception {
        DtlsLoopback first = connect();
        DtlsLoopback second = connect();
        HandFedTrack source = new HandFedTrack(MediaKind.AUDIO);
        RTCRtpSender sender = new RTCRtpSender(source, first.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("audio", first.b, false);
        toClose.add(sender::stop);
        toClose.add(receiver::stop);
        receiver.receive(RTCRtpReceiveParameters.of(AUDIO, "a", List.of())).get(TIMEOUT_S, TimeUnit.SECONDS);
        sender.send(RTCRtpSendParameters.of(AUDIO, "a", RTCRtpEncodingParameters.newBuilder().build()))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            byte[] sent = offerPacket(source);
            assertThat(((EncodedFrame) receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS)).toByteArray()).isEqualTo(sent);
        }

        receiver.setTransport(second.b).get(TIMEOUT_S, TimeUnit.SECONDS);
        sender.setTransport(second.a).get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(sender.transport()).isSameAs(second.a);
        assertThat(receiver.transport()).isSameAs(second.b);
        // The first pair gone: what arrives now came over the second.
        first.close();

        for (int i = 0; i < 20; i++) {
            byte[] sent = offerPacket(source);
            assertThat(((EncodedFrame) receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS)).toByteArray())
                    .as("packet %d after the move", i).isEqualTo(sent);
        }
        assertThat(receiver.track().readyState()).isEqualTo(MediaStreamTrackState.LIVE);
        long ssrc = Integer.toUnsignedLong(sender.ssrc().orElseThrow());
        assertThat(receiver.getSynchronizationSources()).extracting(RTCRtpContributingSource::source).containsExactly(ssrc);
    }

    @Test
    void aMovedSenderKeepsItsSsrcAndItsSequenceNumbersGoOn() throws Exception {
        DtlsLoopback first = connect();
        DtlsLoopback second = connect();
        HandFedTrack source = new HandFedTrack(MediaKind.AUDIO);
        RTCRtpSender sender = new RTCRtpSender(source, first.a);
        toClose.add(sender::stop);
        int ssrc = 0x1234_5678;
        sender.send(RTCRtpSendParameters.of(AUDIO, "a", RTCRtpEncodingParameters.ofSsrc(ssrc))).get(TIMEOUT_S, TimeUnit.SECONDS);
        BlockingQueue<RtpPacket> overFirst = capture(first, ssrc);
        BlockingQueue<RtpPacket> overSecond = capture(second, ssrc);

        List<Integer> sequence = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            offerPacket(source);
            sequence.add(overFirst.poll(TIMEOUT_S, TimeUnit.SECONDS).sequenceNumber());
        }
        sender.setTransport(second.a).get(TIMEOUT_S, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            offerPacket(source);
            RtpPacket packet = overSecond.poll(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(packet).as("packet %d over the second transport", i).isNotNull();
            assertThat(packet.ssrc()).isEqualTo(ssrc);
            sequence.add(packet.sequenceNumber());
        }
        for (int i = 1; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as("sequence number %d", i).isEqualTo((sequence.get(i - 1) + 1) & 0xFFFF);
        }
        assertThat(overFirst).as("nothing more over the first transport").isEmpty();
    }

    /** A packet with bytes of its own (the builder writes a new array). */
    private static RtpPacket copy(RtpPacket packet) {
        return packet.toBuilder().build();
    }

    /** The packets of {@code ssrc} arriving at the pair's b side, straight from its RTP session. */
    private static BlockingQueue<RtpPacket> capture(DtlsLoopback pair, int ssrc) throws Exception {
        BlockingQueue<RtpPacket> packets = new LinkedBlockingQueue<>();
        RtpSession session = RtpSession.of(pair.b);
        RtpStreamInfo info = new RtpStreamInfo(ssrc, "audio", AUDIO.codecs(), RtpHeaderExtensionMap.of(AUDIO.headerExtensions()),
                AUDIO.rtcp(), null, "a", null);
        LoopCalls.call(session.scheduler(), () -> {
            // RtpInput: the packet's buffer is the caller's for the call only (the datagram
            // buffer is reused), so keep a copy.
            session.bindRemoteStream(info, (packet, arrival) -> packets.add(copy(packet)));
            return null;
        }).get(TIMEOUT_S, TimeUnit.SECONDS);
        return packets;
    }
}
