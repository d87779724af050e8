package org.ortc4j.media;

import java.io.IOException;

/**
 * A media file (WAV, Y4M, IVF, Ogg) is not what its format says: a wrong magic number, an
 * impossible header field, a truncated frame, a bad checksum. Readers throw only this (or the
 * underlying stream's own {@link IOException}) for bad input.
 */
public class MediaFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception saying what is wrong. */
    public MediaFormatException(String message) {
        super(message);
    }
}
