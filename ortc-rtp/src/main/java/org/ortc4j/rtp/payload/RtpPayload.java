package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One RTP payload made by an {@link RtpPacketizer}: the payload bytes, whether the packet that
 * carries it gets the RTP marker bit, and how far its RTP timestamp lies after the frame's (zero
 * for video, where every packet of a frame shares the frame's timestamp; the number of samples
 * before it for sample-based audio split across packets). Immutable.
 */
public final class RtpPayload {

    private final byte[] bytes;
    private final boolean marker;
    private final int timestampOffset;

    /**
     * @param bytes the payload; owned by this object from now on (packetizers hand over exactly
     *     sized arrays they made and never touch again)
     */
    RtpPayload(byte[] bytes, boolean marker, int timestampOffset) {
        this.bytes = bytes;
        this.marker = marker;
        this.timestampOffset = timestampOffset;
    }

    /** Makes a payload from a copy of {@code bytes}. */
    public static RtpPayload of(byte[] bytes, boolean marker, int timestampOffset) {
        if (timestampOffset < 0) {
            throw new IllegalArgumentException("timestampOffset must not be negative: " + timestampOffset);
        }
        return new RtpPayload(bytes.clone(), marker, timestampOffset);
    }

    /** The same payload (sharing its bytes) with the marker bit set. */
    RtpPayload withMarker() {
        return new RtpPayload(bytes, true, timestampOffset);
    }

    /** The payload as a read-only buffer (position 0, limit {@link #size()}); no copy. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** A copy of the payload bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Writes the payload bytes at the buffer's position and advances it. */
    public void writeTo(ByteBuffer destination) {
        destination.put(bytes);
    }

    /** Copies the payload bytes into {@code destination} from {@code offset} on. */
    public void writeTo(byte[] destination, int offset) {
        System.arraycopy(bytes, 0, destination, offset, bytes.length);
    }

    /** The payload size in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Whether the RTP packet that carries this payload gets the marker bit. */
    public boolean marker() {
        return marker;
    }

    /** RTP timestamp units to add to the frame's timestamp for this payload's packet. */
    public int timestampOffset() {
        return timestampOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPayload other
                && marker == other.marker
                && timestampOffset == other.timestampOffset
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(bytes) + Boolean.hashCode(marker)) + timestampOffset;
    }

    @Override
    public String toString() {
        return "RtpPayload[size=" + bytes.length + ", marker=" + marker + ", timestampOffset=" + timestampOffset + "]";
    }
}
