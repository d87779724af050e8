package org.ortc4j.media;

/**
 * A frame was asked of a track that has ended (aiortc's {@code MediaStreamError}): the futures of
 * {@link MediaStreamTrack#recv()} complete exceptionally with it once the track is
 * {@link MediaStreamTrackState#ENDED}.
 */
public final class MediaStreamEndedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception naming the ended track. */
    public MediaStreamEndedException(String trackId) {
        super("track " + trackId + " has ended");
    }
}
