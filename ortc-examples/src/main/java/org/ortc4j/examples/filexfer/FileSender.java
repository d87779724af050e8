package org.ortc4j.examples.filexfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelState;

/**
 * Sends a stream over a data channel in {@link #CHUNK_BYTES} messages, then the end marker, an
 * empty binary message (aiortc's filexfer sends {@code b""}), on a thread of its own.
 *
 * <p>Flow control, W3C WebRTC §6.2: a chunk is sent only while {@code bufferedAmount} is at or
 * below {@code bufferedAmountLowThreshold}; above it the sender waits for the
 * {@code bufferedamountlow} event. So at most threshold + one chunk wait in the SCTP send queue,
 * however large the file, and the queue never overflows (a full queue would close the channel).
 */
final class FileSender {

    /** aiortc's chunk: 16 KiB, a message every browser accepts (RFC 8831 §6.6). */
    static final int CHUNK_BYTES = 16384;
    /** Enough queued to keep SCTP's congestion window full on a fast path, far below the send buffer. */
    static final long BUFFERED_AMOUNT_LOW_THRESHOLD = 1 << 20;

    private final RTCDataChannel channel;
    private final InputStream in;
    private final ProgressBar progress;
    private final PrintStream out;
    private final Semaphore low = new Semaphore(0);
    private volatile boolean stopped;

    /**
     * @param channel the channel, not yet open
     * @param in the bytes to send; closed when sent
     * @param size how many bytes {@code in} holds, for the progress bar
     * @param out where the progress bar is drawn
     */
    FileSender(RTCDataChannel channel, InputStream in, long size, PrintStream out) {
        this.channel = channel;
        this.in = in;
        this.progress = new ProgressBar(size);
        this.out = out;
        channel.setBufferedAmountLowThreshold(BUFFERED_AMOUNT_LOW_THRESHOLD);
        channel.onBufferedAmountLow(low::release);
    }

    /**
     * Sends everything, then the end marker; returns the bytes sent. Call once the channel is open.
     *
     * @throws IOException if the file cannot be read, or the channel closed before the end
     * @throws InterruptedException if interrupted while waiting for the buffer to drain
     */
    long send() throws IOException, InterruptedException {
        long sent = 0;
        byte[] buffer = new byte[CHUNK_BYTES];
        try (in) {
            draw(sent);
            while (true) {
                awaitRoom();
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (n == 0) {
                    // The end marker: an empty message (PPID 57, RFC 8831 §6.6).
                    channel.send(new byte[0]);
                    out.println();
                    return sent;
                }
                channel.send(Arrays.copyOf(buffer, n));
                sent += n;
                draw(sent);
            }
        }
    }

    /** Stops a {@link #send()} that is waiting for room. */
    void stop() {
        stopped = true;
        low.release();
    }

    private void awaitRoom() throws IOException, InterruptedException {
        while (true) {
            // Drained before the look at bufferedAmount: an event that comes after the look
            // leaves a permit, so the wait below cannot miss it.
            low.drainPermits();
            checkOpen();
            if (channel.bufferedAmount() <= channel.bufferedAmountLowThreshold()) {
                return;
            }
            low.tryAcquire(1, TimeUnit.SECONDS);
        }
    }

    private void checkOpen() throws IOException {
        if (stopped) {
            throw new IOException("stopped");
        }
        if (channel.readyState() != RTCDataChannelState.OPEN) {
            throw new IOException("the data channel is " + channel.readyState().value() + " before the end of the file");
        }
    }

    private void draw(long sent) {
        String bar = progress.update(sent);
        if (bar != null) {
            out.print(bar);
            out.flush();
        }
    }
}
