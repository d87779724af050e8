package org.ortc4j.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ortc4j.media.MediaFormatException;

/**
 * Reads exact byte counts from a stream for the container readers: a short read is a
 * {@link MediaFormatException} naming what was being read, and buffers grow only as bytes
 * actually arrive, so a header that claims a huge size costs nothing until the bytes exist.
 */
public final class StreamInput {

    private final InputStream in;
    private long position;

    /** Reads from {@code in}. */
    public StreamInput(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    /** Exactly {@code length} bytes, or a {@link MediaFormatException} if the stream ends first. */
    public byte[] readExactly(long length, String what) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new MediaFormatException(what + ": impossible length " + length);
        }
        byte[] bytes = in.readNBytes((int) length);
        position += bytes.length;
        if (bytes.length != length) {
            throw new MediaFormatException(what + " truncated at byte " + position + ": wanted " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** Exactly {@code length} bytes as a little-endian buffer. */
    public ByteBuffer readLittleEndian(int length, String what) throws IOException {
        return ByteBuffer.wrap(readExactly(length, what)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Up to {@code length} bytes: fewer only when the stream ends. Returns an empty array at the
     * end of the stream.
     */
    public byte[] readUpTo(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        position += bytes.length;
        return bytes;
    }

    /** Skips exactly {@code length} bytes, or fails if the stream ends first. */
    public void skip(long length, String what) throws IOException {
        long left = length;
        while (left > 0) {
            byte[] chunk = in.readNBytes((int) Math.min(left, 8192));
            position += chunk.length;
            if (chunk.length == 0) {
                throw new MediaFormatException(what + " truncated at byte " + position);
            }
            left -= chunk.length;
        }
    }

    /** One line up to and without {@code '\n'}, at most {@code maxLength} bytes; null at end of stream. */
    public String readLine(int maxLength, String what) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new MediaFormatException(what + " truncated at byte " + position + ": no end of line");
            }
            position++;
            if (b == '\n') {
                return line.toString();
            }
            if (line.length() >= maxLength) {
                throw new MediaFormatException(what + " longer than " + maxLength + " bytes");
            }
            line.append((char) b);
        }
    }

    /** Closes the stream. */
    public void close() throws IOException {
        in.close();
    }
}
