package org.ortc4j.examples.filexfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.sctp.RTCDataChannelMessage;

/**
 * Writes the messages of a file transfer to a stream until the end marker, an empty message
 * (aiortc's filexfer protocol). Messages come in order on a reliable ordered channel.
 *
 * <p>Writes run on the data channel's thread, as aiortc writes in its message handler: a file
 * write lands in the page cache at once, and a disk slower than the network would only hold back
 * SCTP's receive window, which is the flow control wanted here.
 */
final class FileReceiver {

    /** The transfer's outcome. */
    record Result(long bytes, double seconds) {
        /** Megabits per second, as aiortc prints it. */
        double megabitsPerSecond() {
            return seconds > 0 ? bytes * 8 / seconds / 1e6 : 0;
        }
    }

    private final WritableByteChannel out;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private long bytes;

    /** @param out where the file goes; closed at the end marker or on a write error */
    FileReceiver(WritableByteChannel out) {
        this.out = out;
    }

    /** Completes at the end marker, or exceptionally with the write error that stopped the transfer. */
    CompletableFuture<Result> done() {
        return done;
    }

    /** Takes one message (a data channel's message listener). */
    void onMessage(RTCDataChannelMessage message) {
        if (done.isDone()) {
            return;
        }
        try {
            if (message.length() == 0) {
                out.close();
                done.complete(new Result(bytes, (System.nanoTime() - startNanos) / 1e9));
                return;
            }
            ByteBuffer data = message.data();
            while (data.hasRemaining()) {
                out.write(data);
            }
            bytes += message.length();
        } catch (IOException e) {
            done.completeExceptionally(e);
            try {
                out.close();
            } catch (IOException ignored) {
                // the write error is the one reported
            }
        }
    }
}
