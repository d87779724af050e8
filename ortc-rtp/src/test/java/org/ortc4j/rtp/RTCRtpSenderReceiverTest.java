package org.ortc4j.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.MediaStreamEndedException;
import org.ortc4j.media.MediaStreamTrackState;
import org.ortc4j.media.TimeBase;
import org.ortc4j.rtp.packet.AbsSendTimeExtension;
import org.ortc4j.rtp.packet.AudioLevelExtension;
import org.ortc4j.rtp.packet.MidExtension;

/**
 * RTCRtpSender to RTCRtpReceiver over real DTLS-SRTP on UDP loopback, as a user wires them by
 * hand (ORTC), with encoded frames in and out bit-exact, and decoded audio through the built-in
 * codecs.
 */
class RTCRtpSenderReceiverTest {

    private static final long TIMEOUT_S = DtlsLoopback.TIMEOUT_S;
    private final List<AutoCloseable> toClose = new ArrayList<>();

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

    private static final RTCRtpCodecParameters VP8 = RTCRtpCodecParameters.newBuilder("video/VP8", 90_000, 96)
            .rtcpFeedback(new RTCRtcpFeedback("nack"), new RTCRtcpFeedback("nack", "pli"), new RTCRtcpFeedback("ccm", "fir"))
            .build();
    private static final RTCRtpCodecParameters VP8_RTX = RTCRtpCodecParameters.newBuilder("video/rtx", 90_000, 97)
            .parameter("apt", "96").build();
    private static final RTCRtpCodecParameters OPUS = RTCRtpCodecParameters.newBuilder("audio/opus", 48_000, 111)
            .channels(2).build();
    private static final RTCRtpCodecParameters PCMU = RTCRtpCodecParameters.newBuilder("audio/PCMU", 8_000, 0).build();
    private static final List<RTCRtpHeaderExtensionParameters> VIDEO_EXTENSIONS = List.of(
            new RTCRtpHeaderExtensionParameters(1, MidExtension.URI),
            new RTCRtpHeaderExtensionParameters(3, AbsSendTimeExtension.URI));
    private static final List<RTCRtpHeaderExtensionParameters> AUDIO_EXTENSIONS = List.of(
            new RTCRtpHeaderExtensionParameters(1, MidExtension.URI),
            new RTCRtpHeaderExtensionParameters(2, AudioLevelExtension.URI));

    private static RTCRtpParameters parameters(List<RTCRtpCodecParameters> codecs, List<RTCRtpHeaderExtensionParameters> extensions) {
        return new RTCRtpParameters(codecs, extensions, new RTCRtcpParameters("test-cname"));
    }

    /** VP8 frames whose first byte says key (bit 0 clear, RFC 6386 §9.1) or delta frame. */
    private static byte[] vp8Frame(Random random, boolean key) {
        byte[] frame = new byte[300 + random.nextInt(12_000)];
        random.nextBytes(frame);
        frame[0] = (byte) (key ? frame[0] & ~1 : frame[0] | 1);
        return frame;
    }

    private static MediaFrame receive(RTCRtpReceiver receiver) throws Exception {
        return receiver.track().recv().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Test
    void encodedVideoArrivesBitExactInOrderWithKeyFramesMarked() throws Exception {
        DtlsLoopback pair = connect();
        HandFedTrack source = new HandFedTrack(MediaKind.VIDEO);
        RTCRtpSender sender = new RTCRtpSender(source, pair.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("video", pair.b, false);
        toClose.add(sender::stop);
        toClose.add(receiver::stop);
        RTCRtpParameters video = parameters(List.of(VP8, VP8_RTX), VIDEO_EXTENSIONS);
        receiver.receive(RTCRtpReceiveParameters.of(video, "v", List.of(RTCRtpDecodingParameters.ofSsrc(1111, 2222))))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        sender.send(RTCRtpSendParameters.of(video, "v", RTCRtpEncodingParameters.ofSsrc(1111, 2222)))
                .get(TIMEOUT_S, TimeUnit.SECONDS);

        Random random = new Random(7);
        long firstPts = -1;
        for (int i = 0; i < 60; i++) {
            boolean key = i % 30 == 0;
            byte[] frame = vp8Frame(random, key);
            source.offer(new EncodedFrame("video/VP8", frame, key, i * 3000L, TimeBase.VIDEO_90KHZ, 3000));
            EncodedFrame received = (EncodedFrame) receive(receiver);
            assertThat(received.toByteArray()).as("frame %d", i).isEqualTo(frame);
            assertThat(received.keyFrame()).as("frame %d key", i).isEqualTo(key);
            assertThat(received.mimeType()).isEqualToIgnoringCase("video/VP8");
            if (firstPts < 0) {
                firstPts = received.pts();
            }
            assertThat(received.timeBase().convert(received.pts() - firstPts, TimeBase.VIDEO_90KHZ)).isEqualTo(i * 3000L);
        }
        assertThat(receiver.getSynchronizationSources()).extracting(RTCRtpContributingSource::source).containsExactly(1111L);
        assertThat(sender.ssrc()).contains(1111);
    }

    @Test
    void encodedOpusArrivesBitExactAndUnsignalledSsrcsAreFoundByMid() throws Exception {
        DtlsLoopback pair = connect();
        HandFedTrack source = new HandFedTrack(MediaKind.AUDIO);
        RTCRtpSender sender = new RTCRtpSender(source, pair.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("audio", pair.b, false);
        toClose.add(sender::stop);
        toClose.add(receiver::stop);
        RTCRtpParameters audio = parameters(List.of(OPUS), AUDIO_EXTENSIONS);
        // No SSRC signalled: the receiver learns it from the first packet carrying MID "a0".
        receiver.receive(RTCRtpReceiveParameters.of(audio, "a0", List.of())).get(TIMEOUT_S, TimeUnit.SECONDS);
        sender.send(RTCRtpSendParameters.of(audio, "a0", RTCRtpEncodingParameters.newBuilder().build()))
                .get(TIMEOUT_S, TimeUnit.SECONDS);

        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] packet = new byte[20 + random.nextInt(200)];
            random.nextBytes(packet);
            source.offer(new EncodedFrame("audio/opus", packet, false, i * 960L, TimeBase.ofRate(48_000), 960));
            EncodedFrame received = (EncodedFrame) receive(receiver);
            assertThat(received.toByteArray()).as("packet %d", i).isEqualTo(packet);
        }
        long ssrc = Integer.toUnsignedLong(sender.ssrc().orElseThrow());
        assertThat(receiver.getSynchronizationSources()).extracting(RTCRtpContributingSource::source).containsExactly(ssrc);
    }

    @Test
    void rawAudioIsEncodedAndDecodedWithTheBuiltInCodecAndItsLevelIsSeen() throws Exception {
        DtlsLoopback pair = connect();
        HandFedTrack source = new HandFedTrack(MediaKind.AUDIO);
        RTCRtpSender sender = new RTCRtpSender(source, pair.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("audio", pair.b);
        toClose.add(sender::stop);
        toClose.add(receiver::stop);
        RTCRtpParameters audio = parameters(List.of(PCMU), AUDIO_EXTENSIONS);
        receiver.receive(RTCRtpReceiveParameters.of(audio, "a", List.of(RTCRtpDecodingParameters.ofSsrc(42))))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        sender.send(RTCRtpSendParameters.of(audio, "a", RTCRtpEncodingParameters.ofSsrc(42))).get(TIMEOUT_S, TimeUnit.SECONDS);

        for (int i = 0; i < 10; i++) {
            short[] samples = new short[160];
            for (int n = 0; n < samples.length; n++) {
                // A 400 Hz tone at -20 dBov RMS (amplitude 0.1414 of full scale).
                samples[n] = (short) Math.round(4634 * Math.sin(2 * Math.PI * 400 * (i * 160 + n) / 8000.0));
            }
            source.offer(new AudioFrame(samples, 8000, 1, i * 160L, TimeBase.ofRate(8000)));
            AudioFrame decoded = (AudioFrame) receive(receiver);
            assertThat(decoded.sampleRate()).isEqualTo(8000);
            assertThat(decoded.samplesPerChannel()).isEqualTo(160);
            double error = 0;
            double energy = 0;
            for (int n = 0; n < samples.length; n++) {
                double difference = decoded.sample(n) - samples[n];
                error += difference * difference;
                energy += (double) samples[n] * samples[n];
            }
            // G.711 µ-law keeps a sine about 35 dB above its quantization noise (ITU-T G.711).
            assertThat(10 * Math.log10(energy / error)).as("SNR of frame %d", i).isGreaterThan(30);
        }
        RTCRtpContributingSource source42 = receiver.getSynchronizationSources().get(0);
        assertThat(source42.source()).isEqualTo(42);
        // RFC 6464 level 20 → W3C linear 10^(-20/20) = 0.1.
        assertThat(source42.audioLevel()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void setParametersFollowsW3cRulesAndInactiveEncodingsSendNothing() throws Exception {
        DtlsLoopback pair = connect();
        HandFedTrack source = new HandFedTrack(MediaKind.VIDEO);
        RTCRtpSender sender = new RTCRtpSender(source, pair.a);
        RTCRtpReceiver receiver = new RTCRtpReceiver("video", pair.b, false);
        toClose.add(sender::stop);
        toClose.add(receiver::stop);
        RTCRtpParameters video = parameters(List.of(VP8), VIDEO_EXTENSIONS);
        receiver.receive(RTCRtpReceiveParameters.of(video, "v", List.of(RTCRtpDecodingParameters.ofSsrc(5))))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        var pulling = source.nextRecv();
        sender.send(RTCRtpSendParameters.of(video, "v", RTCRtpEncodingParameters.ofSsrc(5))).get(TIMEOUT_S, TimeUnit.SECONDS);
        // The sender asks its track for a first frame once the transport is connected.
        pulling.get(TIMEOUT_S, TimeUnit.SECONDS);

        RTCRtpSendParameters current = sender.getParameters();
        assertThat(current.transactionId()).isNotNull();
        assertThat(current.encodings().get(0).ssrc()).isEqualTo(5);
        RTCRtpSendParameters stale = sender.getParameters();
        // Only the last getParameters' transaction id is accepted.
        assertThatThrownBy(() -> join(sender.setParameters(current))).hasCauseInstanceOf(InvalidModificationException.class);
        RTCRtpSendParameters changedSsrc = stale.withEncodings(List.of(RTCRtpEncodingParameters.ofSsrc(6)));
        assertThatThrownBy(() -> join(sender.setParameters(changedSsrc))).hasCauseInstanceOf(InvalidModificationException.class);

        RTCRtpSendParameters latest = sender.getParameters();
        RTCRtpEncodingParameters inactive = latest.encodings().get(0).toBuilder().active(false).build();
        sender.setParameters(latest.withEncodings(List.of(inactive))).get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(sender.getParameters().encodings().get(0).active()).isFalse();

        Random random = new Random(3);
        var consumed = source.nextRecv();
        source.offer(new EncodedFrame("video/VP8", vp8Frame(random, true), true, 0, TimeBase.VIDEO_90KHZ, 0));
        // The sender asks for the next frame once it has dealt with (dropped) this one.
        consumed.get(TIMEOUT_S, TimeUnit.SECONDS);
        RTCRtpSendParameters again = sender.getParameters();
        sender.setParameters(again.withEncodings(List.of(again.encodings().get(0).toBuilder().active(true).build())))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        byte[] sent = vp8Frame(random, true);
        source.offer(new EncodedFrame("video/VP8", sent, true, 3000, TimeBase.VIDEO_90KHZ, 0));
        // The frame offered while inactive was never sent: the first to arrive is the second.
        assertThat(((EncodedFrame) receive(receiver)).toByteArray()).isEqualTo(sent);
    }

    @Test
    void badCallsGetClearErrors() throws Exception {
        DtlsLoopback pair = connect();
        RTCRtpSender sender = new RTCRtpSender("video", pair.a);
        toClose.add(sender::stop);
        RTCRtpParameters audio = parameters(List.of(PCMU), List.of());
        assertThatThrownBy(() -> sender.send(RTCRtpSendParameters.of(audio, null, RTCRtpEncodingParameters.ofSsrc(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not video");
        RTCRtpParameters unknown = parameters(List.of(RTCRtpCodecParameters.newBuilder("video/H265", 90_000, 100).build()), List.of());
        assertThatThrownBy(() -> sender.send(RTCRtpSendParameters.of(unknown, null, RTCRtpEncodingParameters.ofSsrc(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can be sent");
        assertThatThrownBy(() -> sender.replaceTrack(new HandFedTrack(MediaKind.AUDIO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RTCRtpReceiver("data", pair.b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> join(sender.setParameters(sender.getParameters())))
                .hasCauseInstanceOf(InvalidStateException.class);
        sender.stop();
        RTCRtpParameters video = parameters(List.of(VP8), List.of());
        assertThatThrownBy(() -> sender.send(RTCRtpSendParameters.of(video, null, RTCRtpEncodingParameters.ofSsrc(1))))
                .isInstanceOf(InvalidStateException.class);
    }

    @Test
    void stoppingTheReceiverEndsItsTrack() throws Exception {
        DtlsLoopback pair = connect();
        RTCRtpReceiver receiver = new RTCRtpReceiver("audio", pair.b);
        receiver.receive(RTCRtpReceiveParameters.of(parameters(List.of(PCMU), List.of()), null, List.of()))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        var pending = receiver.track().recv();
        receiver.stop();
        assertThatThrownBy(() -> pending.get(TIMEOUT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(MediaStreamEndedException.class);
        assertThat(receiver.track().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
