package org.ortc4j.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * One encoded access unit of a codec: what an encoder outputs, what a decoder takes and what an
 * RTP packetizer splits into packets. Immutable: the constructor copies the bytes.
 *
 * <p>For frames from a {@link MediaEncoder} the time base is the codec's RTP clock
 * ({@link CodecInfo#clockRate()}), so {@link #pts()} is the RTP timestamp offset directly.
 */
public final class EncodedFrame implements MediaFrame {

    private final String mimeType;
    private final byte[] data;
    private final boolean keyFrame;
    private final long pts;
    private final TimeBase timeBase;
    private final long duration;

    /**
     * An encoded frame holding a copy of {@code data}.
     *
     * @param mimeType codec, such as {@code "audio/opus"} or {@code "video/VP8"}
     * @param data     the encoded bytes
     * @param keyFrame true when a decoder can start here (always true for audio)
     * @param pts      presentation timestamp in {@code timeBase} units
     * @param timeBase unit of {@code pts} and {@code duration}
     * @param duration length in {@code timeBase} units, 0 when unknown
     */
    public EncodedFrame(String mimeType, byte[] data, boolean keyFrame, long pts, TimeBase timeBase, long duration) {
        MediaKind.ofMimeType(mimeType);
        if (timeBase == null) {
            throw new IllegalArgumentException("time base is required");
        }
        if (duration < 0) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        this.mimeType = mimeType;
        this.data = data.clone();
        this.keyFrame = keyFrame;
        this.pts = pts;
        this.timeBase = timeBase;
        this.duration = duration;
    }

    /** The codec's MIME type, as given. */
    public String mimeType() {
        return mimeType;
    }

    /** Audio or video, from the MIME type. */
    public MediaKind kind() {
        return MediaKind.ofMimeType(mimeType);
    }

    /** True when the MIME type names {@code other}, ignoring case ({@code "video/vp8"} is {@code "video/VP8"}). */
    public boolean isCodec(String other) {
        return mimeType.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    /** The encoded bytes, read-only. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of the encoded bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Number of encoded bytes. */
    public int size() {
        return data.length;
    }

    /** True when a decoder can start decoding at this frame. */
    public boolean keyFrame() {
        return keyFrame;
    }

    @Override
    public long pts() {
        return pts;
    }

    @Override
    public TimeBase timeBase() {
        return timeBase;
    }

    /** Length in {@link #timeBase()} units; 0 when unknown. */
    public long duration() {
        return duration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedFrame f && f.mimeType.equalsIgnoreCase(mimeType) && f.keyFrame == keyFrame
                && f.pts == pts && f.timeBase.equals(timeBase) && f.duration == duration && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + Long.hashCode(pts);
    }

    @Override
    public String toString() {
        return "EncodedFrame[" + mimeType + ", " + data.length + " bytes" + (keyFrame ? ", key" : "") + ", pts=" + pts + " (" + timeBase + "), duration=" + duration + "]";
    }
}
