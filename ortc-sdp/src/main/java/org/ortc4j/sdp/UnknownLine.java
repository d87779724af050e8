package org.ortc4j.sdp;

/**
 * A line whose type letter RFC 8866 does not define. RFC 8866 §5 lets a parser ignore such a
 * description or reject it; this library keeps the line, so that a description passes through
 * unchanged, and gives it no meaning.
 *
 * @param type the type letter, {@code a}–{@code z}
 * @param value the text after {@code =}
 */
public record UnknownLine(char type, String value) {

    public UnknownLine {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("line type must be a letter a-z, not '" + type + "'");
        }
        if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line value is missing or contains a line break");
        }
    }

    /** The line as written, without the line ending. */
    public String toLine() {
        return type + "=" + value;
    }
}
