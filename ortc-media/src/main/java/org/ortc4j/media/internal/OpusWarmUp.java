package org.ortc4j.media.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ortc4j.media.AudioFrame;
import org.ortc4j.media.EncodedFrame;

/**
 * Runs a second of a tone through a throwaway Opus encoder and decoder (Concentus), once per
 * process, on a daemon thread of its own, started when the built-in codecs are first loaded
 * (ortc-rtp loads them when a sender or receiver starts, before its transport connects).
 *
 * <p>Why: Concentus is pure Java and runs interpreted until the JIT has compiled it. Measured on
 * this project's loaded 2-core machine (a cold process, encode and decode of one 20 ms frame on
 * the media thread): the first frame takes 160–210 ms of CPU and the next 24 about 9 ms each,
 * against 2 ms once compiled; at load 13 the sender ends up 1.6–2.5 s behind real time in the
 * first two seconds. The codecs are created lazily on the media thread with the first frame, so
 * warming up there would only move the delay; here it overlaps negotiation, ICE and DTLS. When
 * media starts 1–3 s after the codecs load, the first frame takes 13–21 ms of CPU and the next
 * 24 about 4 ms, and the lag falls to 0.2–1.4 s (0.3 s after: about 70 ms and 6 ms). It costs
 * about half a second of CPU once per process.
 */
final class OpusWarmUp {

    /** 20 ms frames run through: enough for the JIT to compile Concentus's hot paths. */
    static final int FRAMES = 50;

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<Integer> DONE = new CompletableFuture<>();
    private static final AtomicInteger RUNS = new AtomicInteger();

    private OpusWarmUp() {
    }

    /** Starts the warm-up unless it has started already; returns at once. */
    static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(OpusWarmUp::run, "ortc4j-opus-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Completes with the number of frames decoded once the warm-up has run (0 if it failed). */
    static CompletableFuture<Integer> done() {
        return DONE;
    }

    /** How many times the warm-up has run in this process: 0 or 1. */
    static int runs() {
        return RUNS.get();
    }

    private static void run() {
        RUNS.incrementAndGet();
        int decoded = 0;
        // Our own encoder and decoder, as a sender and a receiver use them: the mono-to-stereo
        // conversion and the wrappers are compiled along with Concentus.
        OpusEncoder encoder = new OpusEncoder(BuiltinCodecProvider.OPUS);
        OpusDecoder decoder = new OpusDecoder(BuiltinCodecProvider.OPUS);
        try {
            for (int frame = 0; frame < FRAMES; frame++) {
                // A 440 Hz tone, not silence: silence takes shorter paths through the encoder.
                short[] pcm = new short[OpusEncoder.FRAME_SAMPLES];
                for (int i = 0; i < pcm.length; i++) {
                    long n = (long) frame * pcm.length + i;
                    pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * n / OpusEncoder.SAMPLE_RATE));
                }
                AudioFrame audio = new AudioFrame(pcm, OpusEncoder.SAMPLE_RATE, 1, (long) frame * pcm.length, OpusEncoder.CLOCK);
                for (EncodedFrame packet : encoder.encode(audio)) {
                    decoded += decoder.decode(packet).size();
                }
            }
        } catch (RuntimeException | AssertionError e) {
            // Only a warm-up: the codecs report their own errors when used.
            decoded = 0;
        } finally {
            encoder.close();
            decoder.close();
            DONE.complete(decoded);
        }
    }
}
