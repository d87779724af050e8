package org.ortc4j.examples.server;

import java.util.Locale;
import org.ortc4j.media.VideoFrame;

/**
 * What the server does to each camera frame before sending it back: the {@code video_transform}
 * values of aiortc's server page. The transforms work on decoded I420 frames and keep the frame's
 * size and timestamp.
 */
public enum VideoTransform {
    /** The frame as it came. */
    NONE("none"),
    /** White edges on black ({@link EdgeDetection}). */
    EDGES("edges"),
    /** Flat colors with dark outlines ({@link CartoonEffect}). */
    CARTOON("cartoon"),
    /** Turned about the centre, 45 degrees per second of media time ({@link Rotation}). */
    ROTATE("rotate");

    private final String value;

    VideoTransform(String value) {
        this.value = value;
    }

    /** The name the page sends in {@code video_transform}. */
    public String value() {
        return value;
    }

    /**
     * The transform the page named.
     *
     * @throws IllegalArgumentException if {@code value} names none
     */
    public static VideoTransform of(String value) {
        for (VideoTransform transform : values()) {
            if (transform.value.equals(value)) {
                return transform;
            }
        }
        String shown = value == null ? "null" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
        throw new IllegalArgumentException("unknown video transform \"" + shown + "\"; expected none, edges, cartoon or rotate");
    }

    /** The transformed frame, same size and timestamp. */
    public VideoFrame apply(VideoFrame frame) {
        return switch (this) {
            case NONE -> frame;
            case EDGES -> EdgeDetection.apply(frame);
            case CARTOON -> CartoonEffect.apply(frame);
            case ROTATE -> Rotation.apply(frame, 45 * frame.timeBase().toSeconds(frame.pts()));
        };
    }

    @Override
    public String toString() {
        return value.toUpperCase(Locale.ROOT);
    }
}
