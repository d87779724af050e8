package org.ortc4j.peerconnection.internal.jsep;

/** One m-section of a local description: media ({@link LocalSection}) or data ({@link DataSection}). */
public sealed interface Section permits LocalSection, DataSection {

    /** The mid (RFC 5888 §4), unique in the session. */
    String mid();

    /** The media type of the m-line: audio, video or application. */
    String kind();

    /** Whether the section is rejected or stopped: written with port 0 (RFC 3264 §6). */
    boolean rejected();

    /** Whether the section is written with port 0 and bundle-only (RFC 8843 §6). */
    boolean bundleOnly();
}
