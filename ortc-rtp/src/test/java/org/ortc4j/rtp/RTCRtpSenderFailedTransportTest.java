package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsType;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;

/**
 * A sender whose ICE transport failed (RFC 7675 §5.2: without consent "the agent MUST cease
 * transmission") stops turning frames into packets: the frames its track gives are drained and
 * counted dropped ({@code framesDropped}), instead of every frame being packetized for a
 * transport that throws the packets away.
 */
class RTCRtpSenderFailedTransportTest {

    private static final long TIMEOUT_S = DtlsLoopback.TIMEOUT_S;
    private static final RTCRtpCodecParameters OPUS = RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111)
            .channels(2).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static EncodedFrame opus(Random random, int index) {
        byte[] packet = new byte[60 + random.nextInt(60)];
        random.nextBytes(packet);
        return new EncodedFrame("audio/opus", packet, false, index * 960L, TimeBase.ofRate(48_000), 960);
    }

    private static RTCStats outbound(RTCRtpSender sender) throws Exception {
        List<RTCStats> stats = sender.getStats().get(TIMEOUT_S, TimeUnit.SECONDS).ofType(RTCStatsType.OUTBOUND_RTP);
        assertThat(stats).hasSize(1);
        return stats.get(0);
    }

    @Test
    void framesAreDroppedBeforePacketizingOnceIceFailed() throws Exception {
        // Consent expires after 2 s instead of 30 (RTCIceGatherOptions.consentTimeout).
        DtlsLoopback pair = DtlsLoopback.connect(RTCIceGatherOptions.newBuilder().includeLoopback(true)
                .consentTimeout(Duration.ofSeconds(2)).build());
        toClose.add(pair);
        HandFedTrack source = new HandFedTrack(MediaKind.AUDIO);
        RTCRtpSender sender = new RTCRtpSender(source, pair.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("audio", pair.b, false);
        toClose.add(sender::stop);
        toClose.add(receiver::stop);
        RTCRtpParameters audio = new RTCRtpParameters(List.of(OPUS), List.of(), new RTCRtcpParameters("failed"));
        receiver.receive(RTCRtpReceiveParameters.of(audio, null, List.of(RTCRtpDecodingParameters.ofSsrc(7))))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        sender.send(RTCRtpSendParameters.of(audio, null, RTCRtpEncodingParameters.ofSsrc(7))).get(TIMEOUT_S, TimeUnit.SECONDS);

        Random random = new Random(5);
        for (int i = 0; i < 5; i++) {
            source.offer(opus(random, i));
            receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        assertThat(outbound(sender).getLong("packetsSent")).isEqualTo(5);

        // The peer vanishes: its sockets close without a word, so consent checks go unanswered.
        CompletableFuture<Void> failed = new CompletableFuture<>();
        pair.a.iceTransport().onStateChange(state -> {
            if (state == RTCIceTransportState.FAILED) {
                failed.complete(null);
            }
        });
        pair.b.iceTransport().iceGatherer().close();
        failed.get(TIMEOUT_S, TimeUnit.SECONDS);

        for (int i = 5; i < 25; i++) {
            // The sender asking for the next frame means it is done with this one.
            CompletableFuture<Void> taken = source.nextRecv();
            source.offer(opus(random, i));
            taken.get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        // Every frame after the failure was dropped before packetizing, and counted; none went
        // through the packetizer into the closed session (which counted nothing).
        assertThat(outbound(sender).getLong("framesDropped")).isEqualTo(20);
    }
}
