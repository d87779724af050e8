package org.ortc4j.ice.stun;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a TCP or TLS byte stream into STUN messages and TURN ChannelData messages.
 *
 * <p>RFC 8489 §6.2.2: over TCP "the STUN message length field [...] will contain the length of the
 * message", and the stream carries messages back to back; RFC 8656 §12.5: "Over TCP and
 * TLS-over-TCP, the ChannelData message MUST be padded to a multiple of four bytes [...] the actual
 * size of a ChannelData message (including padding) is (4 + Length) rounded up to the nearest
 * multiple of 4." So a frame is a STUN message of {@code 20 + length} bytes (first two bits 00)
 * or a ChannelData message of {@code paddedLength(length)} bytes (first two bits 01); the first
 * two bytes tell which, the next two how long.
 *
 * <p>Bytes that cannot start a frame (first bits 10 or 11, a STUN length that is not a multiple
 * of 4 or a wrong magic cookie, a reserved channel number, a frame larger than
 * {@code maxBufferedBytes}) leave no way to find the next frame boundary: {@link #feed} throws
 * {@link StunParseException} and the framer is {@link #isFailed() failed}. The caller must close
 * the stream.
 *
 * <p>Not thread-safe: feed it from the stream's loop. Buffers: {@link #feed} takes ownership of the
 * chunk; each frame handed to the consumer is a buffer the consumer owns (often a retained slice of
 * the chunk, so nothing is copied when a chunk holds whole frames). {@link #close()} releases what
 * is buffered.
 */
public final class StunStreamFramer implements AutoCloseable {

    /** The longest frame: a STUN message of 20 + 65532 bytes (longer than the longest padded ChannelData). */
    public static final int MAX_FRAME_LENGTH = StunMessage.HEADER_LENGTH + 0xFFFC;

    /** Enough to hold one frame of any size, which a stream must be able to carry. */
    public static final int DEFAULT_MAX_BUFFERED_BYTES = MAX_FRAME_LENGTH;

    /** A frame header is read once this many bytes are there: the STUN type, length and magic cookie. */
    private static final int PEEK_LENGTH = 8;

    private final int maxBufferedBytes;
    /** Bytes of an incomplete frame, or null when none are buffered. */
    private ByteBuf pending;
    private boolean failed;
    private boolean closed;
    private long frames;

    /** A framer that buffers at most {@link #DEFAULT_MAX_BUFFERED_BYTES}. */
    public StunStreamFramer() {
        this(DEFAULT_MAX_BUFFERED_BYTES);
    }

    /**
     * A framer that buffers at most {@code maxBufferedBytes} of an incomplete frame; a frame that
     * announces more is a framing error.
     *
     * @throws IllegalArgumentException if the cap is below 20 bytes (no STUN message would fit)
     */
    public StunStreamFramer(int maxBufferedBytes) {
        if (maxBufferedBytes < StunMessage.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxBufferedBytes " + maxBufferedBytes + " is below a STUN header");
        }
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /**
     * Appends a chunk of the stream and hands each frame it completes to {@code frames}, in order.
     * Takes ownership of {@code chunk}.
     *
     * @throws StunParseException if the stream holds bytes that cannot be framed; the frames
     *     before them have been delivered, the framer has released its buffers and is failed (an
     *     exception from {@code frames} fails the framer the same way, and is rethrown)
     * @throws IllegalStateException if the framer failed before or is closed (the chunk is
     *     released)
     */
    public void feed(ByteBuf chunk, Consumer<? super ByteBuf> frames) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(frames, "frames");
        if (failed || closed) {
            chunk.release();
            throw new IllegalStateException(failed ? "the stream had a framing error" : "the framer is closed");
        }
        ByteBuf buffer;
        boolean ours = pending != null;
        if (pending == null) {
            buffer = chunk;
        } else {
            buffer = append(pending, chunk);
            pending = null;
        }
        try {
            while (true) {
                int frameLength = frameLength(buffer);
                if (frameLength < 0 || buffer.readableBytes() < frameLength) {
                    break;
                }
                ByteBuf frame = buffer.readRetainedSlice(frameLength);
                this.frames++;
                frames.accept(frame);
            }
        } catch (RuntimeException e) {
            // A framing error, or the consumer threw: nothing after this point can be trusted.
            failed = true;
            buffer.release();
            throw e;
        }
        if (!buffer.isReadable()) {
            buffer.release();
            return;
        }
        keep(buffer, ours);
    }

    /**
     * Keeps the unread rest of {@code buffer} for the next chunk. The frames sliced out of it may
     * still hold it, and a chunk may be read-only or a slice of something larger, so the rest is
     * copied into a buffer of the framer's own unless the buffer is already the framer's and
     * nobody else holds it.
     */
    private void keep(ByteBuf buffer, boolean ours) {
        if (ours && buffer.refCnt() == 1) {
            buffer.discardReadBytes();
            pending = buffer;
            return;
        }
        int rest = buffer.readableBytes();
        ByteBuf copy = buffer.alloc().buffer(Math.max(rest, 256));
        copy.writeBytes(buffer);
        buffer.release();
        pending = copy;
    }

    private ByteBuf append(ByteBuf into, ByteBuf chunk) {
        try {
            int needed = into.readableBytes() + chunk.readableBytes();
            if (into.maxCapacity() < needed || into.refCnt() != 1) {
                ByteBuf bigger = into.alloc().buffer(needed);
                bigger.writeBytes(into);
                into.release();
                into = bigger;
            }
            into.writeBytes(chunk);
            return into;
        } finally {
            chunk.release();
        }
    }

    /**
     * The length of the frame at the start of {@code buffer}, or -1 when not enough bytes are
     * there to tell.
     *
     * @throws StunParseException if the bytes cannot start a frame
     */
    private int frameLength(ByteBuf buffer) {
        int available = buffer.readableBytes();
        if (available == 0) {
            return -1;
        }
        int start = buffer.readerIndex();
        int first = buffer.getUnsignedByte(start);
        if ((first & 0x80) != 0) {
            throw fail(String.format("first byte 0x%02X starts neither STUN (00) nor ChannelData (01)", first));
        }
        if (available < ChannelData.HEADER_LENGTH) {
            return -1;
        }
        int length = buffer.getUnsignedShort(start + 2);
        int frameLength;
        if ((first & 0xC0) == 0) {
            // RFC 8489 §5: "Since all STUN attributes are padded to a multiple of 4 bytes, the
            // last 2 bits of this field are always zero."
            if (length % 4 != 0) {
                throw fail(String.format("STUN message length %d at stream offset is not a multiple of 4", length));
            }
            if (available < PEEK_LENGTH) {
                return -1;
            }
            // RFC 8489 §6.2.2 frames by the length field alone; the cookie check keeps a stream of
            // garbage that happens to start with 00 from being buffered as one huge "message".
            int cookie = buffer.getInt(start + 4);
            if (cookie != StunMessage.MAGIC_COOKIE) {
                throw fail(String.format("STUN magic cookie is 0x%08X, not 0x2112A442", cookie));
            }
            frameLength = StunMessage.HEADER_LENGTH + length;
        } else {
            int channelNumber = buffer.getUnsignedShort(start);
            if (!ChannelData.isValidChannelNumber(channelNumber)) {
                throw fail(String.format("channel number 0x%04X is reserved, not in 0x4000-0x4FFF", channelNumber));
            }
            frameLength = ChannelData.paddedLength(length);
        }
        if (frameLength > maxBufferedBytes) {
            throw fail("frame of " + frameLength + " bytes is more than the " + maxBufferedBytes + " bytes this stream buffers");
        }
        return frameLength;
    }

    private static StunParseException fail(String reason) {
        return new StunParseException("stream framing: " + reason);
    }

    /** The bytes of an incomplete frame waiting for the rest. */
    public int bufferedBytes() {
        return pending == null ? 0 : pending.readableBytes();
    }

    /** The number of frames handed out so far. */
    public long frameCount() {
        return frames;
    }

    /** Whether a framing error ended this stream. */
    public boolean isFailed() {
        return failed;
    }

    /** Releases what is buffered; later {@link #feed} calls fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
