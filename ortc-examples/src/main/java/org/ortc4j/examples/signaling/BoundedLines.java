package org.ortc4j.examples.signaling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one line of a signaling stream without letting the other side make it unbounded: a line
 * longer than the limit is read to its end, dropped, and reported, so that the next line can be
 * read.
 */
final class BoundedLines {

    private BoundedLines() {
    }

    /**
     * Reads bytes up to and including {@code \n} and decodes them as UTF-8, strictly, as aiortc's
     * {@code reader.readuntil()} followed by {@code data.decode("utf8")} does. A line cut short by
     * the end of the stream counts as no line, as aiortc's {@code IncompleteReadError} does.
     *
     * @return the line without its {@code \n}, or {@code null} at the end of the stream
     * @throws InvalidSignalingMessageException if the line is longer than {@code maxBytes} or is
     *     not UTF-8; the line has been consumed
     * @throws IOException if the stream fails
     */
    static String readUtf8Line(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean tooLong = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() < maxBytes) {
                line.write(b);
            } else {
                tooLong = true;
            }
        }
        if (tooLong) {
            throw new InvalidSignalingMessageException("signaling line longer than " + maxBytes + " bytes, dropped");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSignalingMessageException("signaling line is not UTF-8, dropped", e);
        }
    }

    /**
     * Reads characters up to and including {@code \n}, as Python's {@code readline()} does: a last
     * line without {@code \n} is still a line.
     *
     * @return the line without its {@code \n}, or {@code null} if the stream ended before any
     *     character
     * @throws InvalidSignalingMessageException if the line is longer than {@code maxChars}; the
     *     line has been consumed
     * @throws IOException if the stream fails
     */
    static String readLine(Reader in, int maxChars) throws IOException {
        StringBuilder line = new StringBuilder(256);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (tooLong) {
            throw new InvalidSignalingMessageException("signaling line longer than " + maxChars + " characters, dropped");
        }
        return line.toString();
    }
}
