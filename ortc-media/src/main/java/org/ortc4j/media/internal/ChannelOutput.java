package org.ortc4j.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/** Writes whole buffers to a channel, and rewrites a header in place when the channel can seek. */
public final class ChannelOutput {

    private final WritableByteChannel channel;

    /** Writes to {@code channel}. */
    public ChannelOutput(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Writes all of {@code bytes}. */
    public void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Writes all of {@code bytes}. */
    public void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    /**
     * Overwrites {@code bytes} at {@code offset} and returns to the end, if the channel can seek;
     * returns false (and writes nothing) if it cannot.
     */
    public boolean patch(long offset, ByteBuffer bytes) throws IOException {
        if (!(channel instanceof SeekableByteChannel seekable)) {
            return false;
        }
        long end = seekable.position();
        seekable.position(offset);
        write(bytes);
        seekable.position(end);
        return true;
    }

    /** Closes the channel. */
    public void close() throws IOException {
        channel.close();
    }
}
