package org.ortc4j.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.CodecInfo;
import org.ortc4j.media.EncodedFrame;
import org.ortc4j.media.MediaCodecException;
import org.ortc4j.media.MediaCodecs;
import org.ortc4j.media.MediaDecoder;
import org.ortc4j.media.MediaEncoder;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.TimeBase;
import org.ortc4j.media.VideoFrame;

/** What a user of the SPI sees of the FFmpeg codecs: discovery, H.264's form, bad input, libopus, memory. */
class FfmpegCodecProviderTest {

    private static final CodecInfo H264_CB = new CodecInfo("video/H264", 90_000, 0,
            Map.of("profile-level-id", "42e01f", "packetization-mode", "1"));

    @Test
    void serviceLoaderFindsTheVideoCodecsAndLibopus() {
        MediaCodecs codecs = MediaCodecs.load();
        assertThat(codecs.providers()).anyMatch(p -> p instanceof FfmpegCodecProvider);
        for (String mime : List.of("video/VP8", "video/VP9", "video/H264", "video/AV1")) {
            assertThat(codecs.encoders()).as(mime).anyMatch(c -> c.hasMimeType(mime));
            assertThat(codecs.decoders()).as(mime).anyMatch(c -> c.hasMimeType(mime));
            try (MediaEncoder encoder = codecs.createEncoder(mime).orElseThrow();
                    MediaDecoder decoder = codecs.createDecoder(mime).orElseThrow()) {
                assertThat(encoder.codec().mimeType()).isEqualToIgnoringCase(mime);
                assertThat(decoder.codec().mimeType()).isEqualToIgnoringCase(mime);
            }
        }
        // Opus is in both providers; preferredIn asks FFmpeg's first, so libopus serves.
        MediaCodecs libopusFirst = FfmpegCodecProvider.preferredIn(codecs);
        assertThat(libopusFirst.providers().get(0)).isInstanceOf(FfmpegCodecProvider.class);
        try (MediaEncoder opus = libopusFirst.createEncoder(FfmpegCodecProvider.OPUS).orElseThrow()) {
            assertThat(opus.getClass().getName()).contains("Libopus");
        }
    }

    @Test
    void h264DecodersCoverTheProfilesBrowsersOffer() {
        FfmpegCodecProvider provider = new FfmpegCodecProvider();
        List<String> ids = provider.decoders().stream().filter(c -> c.hasMimeType("video/H264"))
                .map(c -> c.parameters().get("profile-level-id")).toList();
        assertThat(ids).contains("42001f", "42e01f", "4d001f", "640c1f");
        // High-profile requests get a Constrained Baseline stream, which High decoders read.
        assertThat(provider.createEncoder(new CodecInfo("video/H264", 90_000, 0, Map.of("profile-level-id", "640c1f")))).isPresent();
        // VP9 profile 2 (10-bit) is not what libvpx is set up for here.
        assertThat(provider.createEncoder(new CodecInfo("video/VP9", 90_000, 0, Map.of("profile-id", "2")))).isEmpty();
    }

    @Test
    void h264KeyFramesAreAnnexBWithSpsAndPpsBeforeTheIdrInConstrainedBaseline() {
        FfmpegCodecProvider provider = new FfmpegCodecProvider();
        List<VideoFrame> frames = TestMedia.pattern(320, 240, 30, 10);
        try (MediaEncoder encoder = provider.createEncoder(H264_CB).orElseThrow()) {
            List<EncodedFrame> encoded = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                if (i == 6) {
                    encoder.requestKeyFrame();
                }
                encoded.addAll(encoder.encode(frames.get(i)));
            }
            for (int i : new int[] {0, 6}) {
                List<byte[]> nals = nalUnits(encoded.get(i).toByteArray());
                List<Integer> types = nals.stream().map(n -> n[0] & 0x1F).toList();
                // RFC 6184 §8.2.1 / H.264 7.4.1.2.3: SPS (7) and PPS (8) precede the IDR slice (5).
                assertThat(types).as("NAL types of key frame %d", i).containsSubsequence(7, 8, 5);
                byte[] sps = nals.get(types.indexOf(7));
                // H.264 A.2.1.1: Constrained Baseline is profile_idc 66 with constraint_set1_flag.
                assertThat(sps[1] & 0xFF).isEqualTo(66);
                assertThat(sps[2] & 0x40).isEqualTo(0x40);
            }
            List<Integer> deltaTypes = nalUnits(encoded.get(3).toByteArray()).stream().map(n -> n[0] & 0x1F).toList();
            assertThat(deltaTypes).contains(1).doesNotContain(5, 7);
        }
    }

    /** NAL units of an Annex B stream (start codes 00 00 01 or 00 00 00 01). */
    static List<byte[]> nalUnits(byte[] stream) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 2 < stream.length; i++) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                starts.add(i + 3);
                i += 2;
            }
        }
        assertThat(starts).as("Annex B start codes").isNotEmpty();
        assertThat(starts.get(0)).as("the frame begins with a start code").isLessThanOrEqualTo(4);
        List<byte[]> nals = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? starts.get(k + 1) - 3 : stream.length;
            while (end > starts.get(k) && stream[end - 1] == 0) {
                end--;
            }
            nals.add(java.util.Arrays.copyOfRange(stream, starts.get(k), end));
        }
        return nals;
    }

    @Test
    void corruptFramesAreAnExceptionOrNothingAndTheDecoderRecoversAtTheNextKeyFrame() {
        FfmpegCodecProvider provider = new FfmpegCodecProvider();
        Random random = new Random(8);
        for (CodecInfo codec : List.of(new CodecInfo("video/VP8", 90_000, 0), new CodecInfo("video/VP9", 90_000, 0), H264_CB,
                new CodecInfo("video/AV1", 90_000, 0), FfmpegCodecProvider.OPUS)) {
            boolean video = codec.kind() == org.ortc4j.media.MediaKind.VIDEO;
            List<EncodedFrame> good = new ArrayList<>();
            try (MediaEncoder encoder = provider.createEncoder(codec).orElseThrow()) {
                if (video) {
                    for (VideoFrame f : TestMedia.pattern(160, 120, 30, 3)) {
                        good.addAll(encoder.encode(f));
                    }
                } else {
                    for (AudioFrame f : TestMedia.tone(440, 48_000, 2, 3)) {
                        good.addAll(encoder.encode(f));
                    }
                }
            }
            try (MediaDecoder decoder = provider.createDecoder(codec).orElseThrow()) {
                for (int i = 0; i < 200; i++) {
                    byte[] junk;
                    if (i % 2 == 0) {
                        junk = new byte[1 + random.nextInt(2000)];
                        random.nextBytes(junk);
                    } else {
                        // A real frame with flipped bits: valid headers, broken payload.
                        junk = good.get(i % good.size()).toByteArray();
                        for (int k = 0; k < 1 + junk.length / 20; k++) {
                            junk[random.nextInt(junk.length)] ^= (byte) (1 << random.nextInt(8));
                        }
                    }
                    EncodedFrame bad = new EncodedFrame(codec.mimeType(), junk, i % 4 == 0, i, TimeBase.VIDEO_90KHZ, 0);
                    try {
                        List<MediaFrame> out = decoder.decode(bad);
                        assertThat(out).allMatch(f -> f instanceof VideoFrame || f instanceof AudioFrame);
                    } catch (MediaCodecException expected) {
                        // a bad frame is lost; the decoder stays usable
                    }
                }
                assertThatThrownBy(() -> decoder.decode(new EncodedFrame(codec.mimeType(), new byte[0], true, 0, TimeBase.VIDEO_90KHZ, 0)))
                        .isInstanceOf(MediaCodecException.class);
                // Back on the real stream from its key frame: pictures again.
                List<MediaFrame> out = new ArrayList<>();
                for (EncodedFrame f : good) {
                    out.addAll(decoder.decode(f));
                }
                assertThat(out).as(codec.mimeType()).isNotEmpty();
            }
        }
    }

    @Test
    void libopusKeepsASineAndInteroperatesWithConcentus() {
        FfmpegCodecProvider ffmpeg = new FfmpegCodecProvider();
        MediaCodecs builtinOnly = MediaCodecs.of(MediaCodecs.load().providers().stream()
                .filter(p -> !(p instanceof FfmpegCodecProvider)).toList());
        List<AudioFrame> tone = TestMedia.tone(440, 48_000, 1, 100); // 2 s
        short[] reference = TestMedia.channel0(tone);
        List<EncodedFrame> packets = new ArrayList<>();
        try (MediaEncoder encoder = ffmpeg.createEncoder(FfmpegCodecProvider.OPUS).orElseThrow()) {
            encoder.setTargetBitrate(64_000);
            for (AudioFrame f : tone) {
                packets.addAll(encoder.encode(f));
            }
        }
        assertThat(packets).hasSize(100);
        assertThat(packets.get(1).pts() - packets.get(0).pts()).isEqualTo(960);
        double bitrate = packets.stream().mapToLong(EncodedFrame::size).sum() * 8 / 2.0;
        assertThat(bitrate).as("Opus bitrate").isBetween(64_000 * 0.7, 64_000 * 1.2);
        // On the fly: 24 kbit/s from the next packet on.
        try (MediaEncoder encoder = ffmpeg.createEncoder(FfmpegCodecProvider.OPUS).orElseThrow()) {
            encoder.setTargetBitrate(64_000);
            long before = 0;
            long after = 0;
            for (int i = 0; i < tone.size(); i++) {
                if (i == 50) {
                    encoder.setTargetBitrate(24_000);
                }
                long bytes = encoder.encode(tone.get(i)).stream().mapToLong(EncodedFrame::size).sum();
                if (i < 50) {
                    before += bytes;
                } else {
                    after += bytes;
                }
            }
            assertThat(after * 8 / 1.0).as("bits in the second after the change").isBetween(24_000 * 0.7, 24_000 * 1.2);
            assertThat(before).isGreaterThan(2 * after);
        }
        for (MediaCodecs decoders : List.of(MediaCodecs.of(List.of(ffmpeg)), builtinOnly)) {
            List<AudioFrame> decoded = new ArrayList<>();
            try (MediaDecoder decoder = decoders.createDecoder(FfmpegCodecProvider.OPUS).orElseThrow()) {
                for (EncodedFrame p : packets) {
                    decoder.decode(p).forEach(f -> decoded.add((AudioFrame) f));
                }
            }
            assertThat(decoded.get(0).sampleRate()).isEqualTo(48_000);
            assertThat(decoded.get(0).channels()).isEqualTo(2);
            // A 440 Hz sine at 64 kbit/s comes back at 36.5 dB SNR, decoded by libopus or by
            // Concentus alike (measured); the encoder's look-ahead delays it by 312 samples.
            double snr = TestMedia.snrDb(reference, TestMedia.channel0(decoded), 1200, 4800);
            System.out.printf("libopus -> %s: SNR %.1f dB%n", decoders.providers().get(0).getClass().getSimpleName(), snr);
            assertThat(snr).isGreaterThan(30);
        }
    }

    @Test
    void encodingAndDecodingManyFramesDoesNotGrowNativeMemory() {
        FfmpegCodecProvider provider = new FfmpegCodecProvider();
        List<VideoFrame> frames = TestMedia.pattern(320, 240, 30, 30);
        try (MediaEncoder encoder = provider.createEncoder(new CodecInfo("video/VP8", 90_000, 0)).orElseThrow();
                MediaDecoder decoder = provider.createDecoder(new CodecInfo("video/VP8", 90_000, 0)).orElseThrow()) {
            long[] resident = new long[3];
            for (int round = 0; round < 60; round++) {
                for (VideoFrame f : frames) {
                    long pts = (round * 30L + f.pts() / 3000) * 3000;
                    for (EncodedFrame e : encoder.encode(new VideoFrame(320, 240, arr(f.planeY()), f.strideY(), arr(f.planeU()),
                            f.strideU(), arr(f.planeV()), f.strideV(), pts, TimeBase.VIDEO_90KHZ))) {
                        decoder.decode(e);
                    }
                }
                if (round % 20 == 19) {
                    resident[round / 20] = nativeResident();
                }
            }
            System.out.printf("resident after 600, 1200, 1800 frames: %d, %d, %d MB%n", resident[0] >> 20,
                    resident[1] >> 20, resident[2] >> 20);
            // The first 600 frames warm up (the allocator's arenas, the heap's pages becoming
            // resident). Over the last 600, a leaked 320x240 picture per frame (115 kB) would add
            // 66 MB; what is measured stays within allocator noise.
            assertThat(resident[2] - resident[1]).as("growth over the last 600 frames").isLessThan(16L << 20);
        }
    }

    /**
     * Resident memory. The module's surefire runs tests with a fixed, pre-touched heap, so the
     * heap's share of this stays put and growth is native (or JIT code, which settles).
     */
    private static long nativeResident() {
        System.gc();
        return Pointer.physicalBytes();
    }

    private static byte[] arr(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
