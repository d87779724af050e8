package org.ortc4j.media.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.AudioSourceTrack;
import org.ortc4j.media.MediaClock;
import org.ortc4j.media.VideoFrame;
import org.ortc4j.media.VideoSourceTrack;

/** Test signals from ortc-media's own sources, and the quality measures the tests apply. */
final class TestMedia {

    private TestMedia() {
    }

    /** A clock on which every deadline has already passed: paced sources hand out frames at once. */
    static final MediaClock IMMEDIATE = new MediaClock() {
        @Override
        public long nanoTime() {
            return Long.MAX_VALUE / 2;
        }

        @Override
        public void schedule(Runnable task, long deadlineNanos) {
            task.run();
        }
    };

    /** The first {@code count} frames of ortc-media's moving test pattern. */
    static List<VideoFrame> pattern(int width, int height, int fps, int count) {
        VideoSourceTrack track = new VideoSourceTrack(IMMEDIATE, width, height, fps);
        List<VideoFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add((VideoFrame) track.recv().join());
        }
        track.stop();
        return frames;
    }

    /** {@code count} 20 ms frames of ortc-media's sine tone source. */
    static List<AudioFrame> tone(double hz, int rate, int channels, int count) {
        AudioSourceTrack track = new AudioSourceTrack(IMMEDIATE, hz, 8000, rate, channels);
        List<AudioFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add((AudioFrame) track.recv().join());
        }
        track.stop();
        return frames;
    }

    /** PSNR in dB of the luma of {@code decoded} against {@code reference} (same size). */
    static double psnrY(VideoFrame reference, VideoFrame decoded) {
        double sse = 0;
        for (int row = 0; row < reference.height(); row++) {
            for (int x = 0; x < reference.width(); x++) {
                int d = reference.lumaAt(x, row) - decoded.lumaAt(x, row);
                sse += d * d;
            }
        }
        double mse = sse / (reference.width() * reference.height());
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** The samples of {@code frames}, concatenated, channel 0 only. */
    static short[] channel0(List<AudioFrame> frames) {
        int n = frames.stream().mapToInt(AudioFrame::samplesPerChannel).sum();
        short[] out = new short[n];
        int at = 0;
        for (AudioFrame f : frames) {
            for (int i = 0; i < f.samplesPerChannel(); i++) {
                out[at++] = f.sample(i * f.channels());
            }
        }
        return out;
    }

    /** SNR in dB of {@code decoded} against {@code reference} at the best lag in {@code 0..maxLag}, after {@code skip}. */
    static double snrDb(short[] reference, short[] decoded, int maxLag, int skip) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = skip; i + lag < decoded.length && i < reference.length; i++) {
                double r = reference[i];
                double e = decoded[i + lag] - r;
                signal += r * r;
                noise += e * e;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1e-9)));
        }
        return best;
    }
}
