package org.ortc4j.rtp;

import java.util.Locale;
import java.util.Objects;

/**
 * The media type of an RTP payload format as W3C {@code mimeType} writes it: {@code "audio/opus"},
 * {@code "video/VP8"} (W3C WebRTC §5.2.10 "The codec MIME media type/subtype"; RFC 4855 §1 names
 * RTP payload formats by media type; RFC 6838 §4.2 gives the name syntax).
 *
 * <p>Only the {@code audio} and {@code video} top-level types are accepted: they are the kinds a
 * WebRTC track has. Type and subtype are case-insensitive (RFC 6838 §4.2), so {@code "Audio/OPUS"}
 * is accepted and kept as written.
 */
final class MediaType {

    // RFC 6838 §4.2: restricted-name-chars beyond ALPHA and DIGIT.
    private static final String NAME_MARKS = "!#$&-^_.+";

    private MediaType() {
    }

    /**
     * Checks a W3C {@code mimeType}.
     *
     * @throws NullPointerException if {@code mimeType} is null
     * @throws IllegalArgumentException if it is not {@code audio/<subtype>} or
     *     {@code video/<subtype>} with an RFC 6838 subtype name
     */
    static void check(String mimeType) {
        Objects.requireNonNull(mimeType, "mimeType");
        int slash = mimeType.indexOf('/');
        String type = slash < 0 ? "" : mimeType.substring(0, slash).toLowerCase(Locale.ROOT);
        if (!type.equals("audio") && !type.equals("video")) {
            throw new IllegalArgumentException("mimeType \"" + mimeType
                    + "\" is not of the form audio/<subtype> or video/<subtype>");
        }
        String subtype = mimeType.substring(slash + 1);
        if (!isRestrictedName(subtype)) {
            throw new IllegalArgumentException("mimeType \"" + mimeType + "\" has an invalid subtype \"" + subtype
                    + "\": RFC 6838 §4.2 allows 1 to 127 letters, digits and !#$&-^_.+, starting with a letter or digit");
        }
    }

    /** The top-level type in lower case, {@code "audio"} or {@code "video"}, of a checked mimeType. */
    static String kind(String mimeType) {
        return mimeType.substring(0, mimeType.indexOf('/')).toLowerCase(Locale.ROOT);
    }

    /** The subtype as written, {@code "opus"} for {@code "audio/opus"}, of a checked mimeType. */
    static String subtype(String mimeType) {
        return mimeType.substring(mimeType.indexOf('/') + 1);
    }

    // RFC 6838 §4.2: restricted-name = restricted-name-first *126restricted-name-chars
    //                restricted-name-first = ALPHA / DIGIT
    private static boolean isRestrictedName(String name) {
        if (name.isEmpty() || name.length() > 127 || !isAlphaNumeric(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlphaNumeric(c) && NAME_MARKS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
