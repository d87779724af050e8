package org.ortc4j.rtp.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecProvider;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaKind;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.rtp.HandFedTrack;
import org.ortc4j.rtp.RecordingVideoCodecProvider;

class FramePumpTest {

    static final CodecInfo VP8 = new CodecInfo("video/VP8", 90_000, 0);

    private record Sent(EncodedFrame frame, int level) {
    }

    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

    private Sent next() throws InterruptedException {
        Sent value = sent.poll(5, TimeUnit.SECONDS);
        assertThat(value).as("an encoded frame within 5 s").isNotNull();
        return value;
    }

    private static VideoFrame video(int width, long pts) {
        return VideoFrame.fromI420(width, 16, new byte[VideoFrame.i420Size(width, 16)], pts, TimeBase.VIDEO_90KHZ);
    }

    @Test
    void rawAudioIsEncodedByTheBuiltInCodecWithItsLevel() throws InterruptedException {
        FramePump pump = new FramePump(new CodecInfo("audio/PCMU", 8000, 1), MediaCodecs.load(),
                (frame, level) -> sent.add(new Sent(frame, level)));
        HandFedTrack track = new HandFedTrack(MediaKind.AUDIO);
        pump.start(track);
        short[] samples = new short[160];
        java.util.Arrays.fill(samples, (short) 328);
        track.offer(new AudioFrame(samples, 8000, 1, 160, TimeBase.ofRate(8000)));
        Sent first = next();
        assertThat(first.frame().mimeType()).isEqualToIgnoringCase("audio/PCMU");
        assertThat(first.frame().size()).isEqualTo(160);
        assertThat(first.level()).isEqualTo(40);
        pump.stop();
    }

    @Test
    void encodedFramesOfTheCodecPassAndOthersAreDropped() throws InterruptedException {
        FramePump pump = new FramePump(VP8, MediaCodecs.of(List.of()), (frame, level) -> sent.add(new Sent(frame, level)));
        HandFedTrack track = new HandFedTrack(MediaKind.VIDEO);
        pump.start(track);
        track.offer(new EncodedFrame("video/H264", new byte[] {1}, true, 0, TimeBase.VIDEO_90KHZ, 0));
        EncodedFrame vp8 = new EncodedFrame("video/VP8", new byte[] {2, 3}, true, 3000, TimeBase.VIDEO_90KHZ, 0);
        track.offer(vp8);
        Sent passed = next();
        assertThat(passed.frame()).isSameAs(vp8);
        assertThat(passed.level()).isEqualTo(-1);
        assertThat(pump.framesDropped()).isEqualTo(1);
    }

    @Test
    void keyFrameRequestsBitrateScalingAndFramerateReachTheEncoder() throws InterruptedException {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        MediaCodecProvider provider = new RecordingVideoCodecProvider(calls);
        FramePump pump = new FramePump(VP8, MediaCodecs.of(List.of(provider)), (frame, level) -> sent.add(new Sent(frame, level)));
        HandFedTrack track = new HandFedTrack(MediaKind.VIDEO);
        pump.start(track);
        track.offer(video(64, 0));
        next();
        pump.requestKeyFrame();
        pump.setTargetBitrate(150_000);
        track.offer(video(64, 3000));
        next();
        pump.setScaleResolutionDownBy(2.0);
        track.offer(video(64, 6000));
        next();
        // 10 frames per second: a frame 1/30 s after the last one is dropped, one 1/10 s after is sent.
        pump.setMaxFramerate(10);
        track.offer(video(64, 15_000));
        next();
        track.offer(video(64, 18_000));
        track.offer(video(64, 24_000));
        next();
        assertThat(pump.framesDropped()).isEqualTo(1);
        pump.setActive(false);
        track.offer(video(64, 27_000));
        pump.setActive(true);
        assertThat(calls).containsSubsequence("encode 0 64x16 key", "bitrate 150000", "key frame request",
                "encode 3000 64x16 key", "encode 6000 32x8");
        pump.stop();
    }

    @Test
    void aNewTrackReplacesTheOldAndAnEndedTrackJustStops() throws InterruptedException {
        FramePump pump = new FramePump(VP8, MediaCodecs.of(List.of()), (frame, level) -> sent.add(new Sent(frame, level)));
        HandFedTrack first = new HandFedTrack(MediaKind.VIDEO);
        HandFedTrack second = new HandFedTrack(MediaKind.VIDEO);
        pump.start(first);
        pump.start(second);
        first.offer(new EncodedFrame("video/VP8", new byte[] {1}, true, 0, TimeBase.VIDEO_90KHZ, 0));
        second.offer(new EncodedFrame("video/VP8", new byte[] {2}, true, 0, TimeBase.VIDEO_90KHZ, 0));
        assertThat(next().frame().toByteArray()).containsExactly(2);
        second.stop();
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(pump.framesDropped()).isZero();
    }
}
