package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.rtp.internal.session.RtpSession;
import org.ortc4j.rtp.packet.PictureLossIndication;
import org.ortc4j.rtp.packet.Remb;

/**
 * The peer's feedback reaching the sender's encoder over real DTLS-SRTP: a PLI makes the next
 * frame a key frame, REMB caps the bitrate below the user's maxBitrate; raw frames go through the
 * codec SPI's encoder (a recording one from the test class path).
 */
class RTCRtpSenderFeedbackTest {

    private static final long TIMEOUT_S = DtlsLoopback.TIMEOUT_S;
    private static final RTCRtpParameters VIDEO = new RTCRtpParameters(List.of(
            RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96).rtcpFeedback(new RTCRtcpFeedback("nack", "pli"),
                    new RTCRtcpFeedback("goog-remb")).build()), List.of(), new RTCRtcpParameters("feedback"));

    private DtlsLoopback pair;

    @AfterEach
    void close() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private static VideoFrame frame(long pts) {
        return VideoFrame.fromI420(16, 16, new byte[VideoFrame.i420Size(16, 16)], pts, TimeBase.VIDEO_90KHZ);
    }

    @Test
    void pliAndRembFromThePeerReachTheEncoder() throws Exception {
        RecordingVideoCodecProvider.CALLS.clear();
        pair = DtlsLoopback.connect();
        HandFedTrack source = new HandFedTrack(MediaKind.VIDEO);
        RTCRtpSender sender = new RTCRtpSender(source, pair.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("video", pair.b, false);
        receiver.receive(RTCRtpReceiveParameters.of(VIDEO, null, List.of(RTCRtpDecodingParameters.ofSsrc(77))))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        RTCRtpEncodingParameters capped = RTCRtpEncodingParameters.newBuilder().ssrc(77).maxBitrate(800_000L).build();
        sender.send(RTCRtpSendParameters.of(VIDEO, null, capped)).get(TIMEOUT_S, TimeUnit.SECONDS);

        source.offer(frame(0));
        EncodedFrame first = (EncodedFrame) receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(first.keyFrame()).isTrue();
        source.offer(frame(3000));
        assertThat(((EncodedFrame) receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS)).keyFrame()).isFalse();

        // The receiving side's session sends PLI and REMB (as a browser would).
        RtpSession session = RtpSession.of(pair.b);
        var heard = new java.util.concurrent.CompletableFuture<Void>();
        RtpSession senderSession = RtpSession.of(pair.a);
        // Listening is set up on a's loop before b sends: the two may be different threads.
        org.ortc4j.rtp.internal.LoopCalls.call(senderSession.scheduler(), () -> senderSession.addRtcpListener((packets, arrival) -> {
            if (packets.stream().anyMatch(p -> p instanceof Remb)) {
                heard.complete(null);
            }
        })).get(TIMEOUT_S, TimeUnit.SECONDS);
        session.scheduler().execute(() -> session.rtcpOutput().write(List.of(new PictureLossIndication(9, 77),
                new Remb(9, 0, 300_000, List.of(77)))));
        heard.get(TIMEOUT_S, TimeUnit.SECONDS);

        source.offer(frame(6000));
        EncodedFrame afterPli = (EncodedFrame) receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(afterPli.keyFrame()).isTrue();
        assertThat(RecordingVideoCodecProvider.CALLS).containsSubsequence(
                "bitrate 800000", "encode 0 16x16 key", "encode 3000 16x16", "bitrate 300000", "key frame request",
                "encode 6000 16x16 key");
        sender.stop();
        receiver.stop();
    }
}
