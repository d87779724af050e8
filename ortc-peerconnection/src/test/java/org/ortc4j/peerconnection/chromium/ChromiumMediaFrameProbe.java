package org.ortc4j.peerconnection.chromium;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.MediaFrame;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.media.VideoFrame;

/**
 * Reads every frame of a received track on its own thread, as an application's sink does, and
 * keeps what a test asks about: how many frames, of which video sizes, and for audio the sample
 * rate, the samples and the loudest sample of each 20 ms. {@link #close()} stops it.
 */
final class ChromiumMediaFrameProbe implements AutoCloseable {

    private final MediaStreamTrack track;
    private final Thread reader;
    private volatile boolean closed;
    // Guarded by this.
    private int frames;
    private final Map<String, Integer> videoSizes = new LinkedHashMap<>();
    private final Map<String, Integer> frameTypes = new LinkedHashMap<>();
    private final Set<Integer> pictures = new HashSet<>();
    private long audioSamples;
    private final Map<Integer, Integer> audioFrameLengths = new LinkedHashMap<>();
    private int sampleRate;
    private int channels;
    private int loudFrames;
    private int peak;
    private Throwable failure;

    /** Starts reading {@code track}. */
    ChromiumMediaFrameProbe(MediaStreamTrack track) {
        this.track = track;
        this.reader = new Thread(this::read, "probe-" + track.kind().value() + "-" + track.id());
        reader.setDaemon(true);
        reader.start();
    }

    /** The loudest sample of a 20 ms frame above which it counts as sound, not silence (-30 dBFS). */
    static final int LOUD = 1000;

    private void read() {
        while (!closed) {
            MediaFrame frame;
            try {
                frame = track.recv().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException e) {
                record(e.getCause());
                return;
            }
            record(frame);
        }
    }

    private synchronized void record(Throwable error) {
        failure = error;
        notifyAll();
    }

    private synchronized void record(MediaFrame frame) {
        frames++;
        frameTypes.merge(frame.getClass().getSimpleName(), 1, Integer::sum);
        if (frame instanceof VideoFrame video) {
            videoSizes.merge(video.width() + "x" + video.height(), 1, Integer::sum);
            pictures.add(video.planeY().hashCode());
        } else if (frame instanceof AudioFrame audio) {
            audioSamples += audio.samplesPerChannel();
            audioFrameLengths.merge(audio.samplesPerChannel(), 1, Integer::sum);
            sampleRate = audio.sampleRate();
            channels = audio.channels();
            int loudest = 0;
            short[] samples = audio.toArray();
            for (short s : samples) {
                loudest = Math.max(loudest, Math.abs((int) s));
            }
            peak = Math.max(peak, loudest);
            if (loudest > LOUD) {
                loudFrames++;
            }
        }
        notifyAll();
    }

    /**
     * Waits until {@code count} frames have come, or {@code timeout}.
     *
     * @throws AssertionError on timeout or when the track failed, saying what came
     */
    synchronized void awaitFrames(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frames < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || failure != null) {
                throw new AssertionError("expected " + count + " frames of the received " + track.kind().value()
                        + " track within " + timeout + ", got " + this
                        + (failure == null ? "" : "; the track failed: " + failure));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized int frames() {
        return frames;
    }

    /** Decoded video sizes ("640x480") and how many frames had each. */
    synchronized Map<String, Integer> videoSizes() {
        return Map.copyOf(videoSizes);
    }

    /** How many different luma planes came: a moving source gives about one per frame, a frozen one 1. */
    synchronized int distinctPictures() {
        return pictures.size();
    }

    /** Frame classes (VideoFrame, AudioFrame, EncodedFrame) and how many of each. */
    synchronized Map<String, Integer> frameTypes() {
        return Map.copyOf(frameTypes);
    }

    /**
     * Audio frame lengths (samples per channel) and how many frames had each, read in one snapshot
     * (a total of samples and a count of frames read one after the other may straddle a frame).
     */
    synchronized Map<Integer, Integer> audioFrameLengths() {
        return Map.copyOf(audioFrameLengths);
    }

    synchronized int sampleRate() {
        return sampleRate;
    }

    synchronized int channels() {
        return channels;
    }

    /** Audio frames whose loudest sample exceeds {@link #LOUD}. */
    synchronized int loudFrames() {
        return loudFrames;
    }

    /** The loudest audio sample so far. */
    synchronized int peak() {
        return peak;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(TimeUnit.SECONDS.toMillis(3));
    }

    @Override
    public synchronized String toString() {
        return frames + " frames " + frameTypes + (videoSizes.isEmpty() ? "" : ", sizes " + videoSizes + ", " + pictures.size() + " distinct")
                + (audioSamples == 0 ? "" : ", " + audioSamples + " samples at " + sampleRate + " Hz x" + channels
                        + ", peak " + peak + ", " + loudFrames + " loud frames");
    }
}
