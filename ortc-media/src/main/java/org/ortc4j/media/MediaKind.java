package org.ortc4j.media;

/** The kind of a track or codec, as W3C Media Capture names it: {@code "audio"} or {@code "video"}. */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video");

    private static final MediaKind[] KINDS = values();

    private final String value;

    MediaKind(String value) {
        this.value = value;
    }

    /** The W3C string: {@code "audio"} or {@code "video"}. */
    public String value() {
        return value;
    }

    /**
     * The kind a MIME type names by its top-level type ({@code "audio/opus"} is audio).
     *
     * @throws IllegalArgumentException if the top-level type is neither audio nor video
     */
    public static MediaKind ofMimeType(String mimeType) {
        int slash = mimeType.indexOf('/');
        int length = slash < 0 ? mimeType.length() : slash;
        // Compared in place: every encoded frame made asks (no substring, no values() copy).
        for (MediaKind kind : KINDS) {
            if (kind.value.length() == length && mimeType.regionMatches(true, 0, kind.value, 0, length)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not an audio or video MIME type: " + mimeType);
    }

    @Override
    public String toString() {
        return value;
    }
}
