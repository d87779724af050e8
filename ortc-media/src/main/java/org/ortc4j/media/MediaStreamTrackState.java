package org.ortc4j.media;

/** W3C {@code MediaStreamTrackState}: a track is {@code "live"} until it ends, then {@code "ended"} forever. */
public enum MediaStreamTrackState {
    LIVE("live"),
    ENDED("ended");

    private final String value;

    MediaStreamTrackState(String value) {
        this.value = value;
    }

    /** The W3C string. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
