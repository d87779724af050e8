package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * Reads SDP text (RFC 8866) into a {@link SessionDescription}.
 *
 * <p>Every SDP is hostile until parsed: the parser bounds the text's length, the number of lines
 * and the length of a line, and reports every problem as an {@link SdpParseException} with the
 * line number and the reason; it throws nothing else for any input. Lines may end in CRLF (as
 * RFC 8866 requires) or a bare LF (as some stacks send).
 *
 * <p>What it checks: {@code v=0}, {@code o=} and {@code s=} as the first three lines; at least
 * one {@code t=}; each known line's fields; the fields of every attribute it models; that
 * session-only lines do not appear in a media section and single lines do not repeat. Lines of
 * an undefined type are kept (RFC 8866 §5 allows ignoring them). It does not check JSEP rules
 * (mids present, BUNDLE consistency): that is the peer connection's job.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SdpParser {

    /** Limits that fit any real WebRTC description, even an SFU's with hundreds of sections. */
    public static final SdpParser DEFAULT = new SdpParser(1 << 20, 50_000, 16_384);

    private final int maxLength;
    private final int maxLines;
    private final int maxLineLength;

    private SdpParser(int maxLength, int maxLines, int maxLineLength) {
        this.maxLength = maxLength;
        this.maxLines = maxLines;
        this.maxLineLength = maxLineLength;
    }

    /**
     * A parser with other limits.
     *
     * @param maxLength the most characters a description may have
     * @param maxLines the most lines it may have
     * @param maxLineLength the most characters one line may have
     */
    public static SdpParser withLimits(int maxLength, int maxLines, int maxLineLength) {
        if (maxLength <= 0 || maxLines <= 0 || maxLineLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        return new SdpParser(maxLength, maxLines, maxLineLength);
    }

    /**
     * Parses one attribute line, {@code a=...}, or its text after {@code a=}.
     *
     * @throws SdpParseException if it is malformed
     */
    public SdpAttribute parseAttribute(String line) {
        if (line == null) {
            throw new SdpParseException(0, "attribute is null");
        }
        String text = line.startsWith("a=") ? line.substring(2) : line;
        if (text.length() > maxLineLength) {
            throw new SdpParseException(1, "attribute is longer than " + maxLineLength + " characters");
        }
        checkCharacters(text, 1);
        try {
            return AttributeParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException(1, e.getMessage());
        }
    }

    /**
     * Parses a whole description.
     *
     * @throws SdpParseException if {@code sdp} is not valid SDP
     */
    public SessionDescription parse(String sdp) {
        if (sdp == null) {
            throw new SdpParseException(0, "SDP is null");
        }
        if (sdp.length() > maxLength) {
            throw new SdpParseException(0, "SDP is " + sdp.length() + " characters, more than the limit of " + maxLength);
        }
        if (sdp.isEmpty()) {
            throw new SdpParseException(0, "SDP is empty");
        }
        return new Reading(sdp).read();
    }

    private static void checkCharacters(String line, int lineNumber) {
        // RFC 8866 §9: text and byte-string exclude NUL, CR and LF; we also refuse the other
        // C0 controls (except tab) and DEL, which no producer writes and only junk contains.
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new SdpParseException(lineNumber, String.format("control character U+%04X at column %d", (int) c, i + 1));
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < line.length()
                        && Character.isLowSurrogate(line.charAt(i + 1));
                if (!paired) {
                    throw new SdpParseException(lineNumber, "unpaired surrogate at column " + (i + 1));
                }
                i++;
            }
        }
    }

    /** The state of one parse: where we are, and what has been read so far. */
    private final class Reading {
        private final String sdp;
        private int position;
        private int lineNumber;

        private SessionDescription.Builder session;
        private MediaDescription.Builder section;
        private final List<MediaDescription> sections = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>();
        private Timing lastTiming;
        // Lines that may appear once per level, by type letter.
        private final boolean[] seenSession = new boolean[26];
        private final boolean[] seenMedia = new boolean[26];

        Reading(String sdp) {
            this.sdp = sdp;
        }

        SessionDescription read() {
            String line;
            while ((line = nextLine()) != null) {
                try {
                    readLine(line);
                } catch (SdpParseException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new SdpParseException(lineNumber, e.getMessage());
                }
            }
            if (lineNumber == 0) {
                throw new SdpParseException(0, "SDP has no lines");
            }
            if (!seenSession['s' - 'a']) {
                throw new SdpParseException(0, "SDP must start with v=, o= and s= lines");
            }
            if (lastTiming != null) {
                timings.add(lastTiming);
            }
            if (timings.isEmpty()) {
                throw new SdpParseException(0, "SDP has no t= line (RFC 8866 §5.9 requires one)");
            }
            finishSection();
            try {
                return session.timings(timings).media(sections).build();
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(0, e.getMessage());
            }
        }

        /** The next line without its line ending, or null at the end; blank lines only at the end. */
        private String nextLine() {
            int length = sdp.length();
            if (position >= length) {
                return null;
            }
            int end = sdp.indexOf('\n', position);
            int next = end < 0 ? length : end + 1;
            if (end < 0) {
                end = length;
            }
            if (end > position && sdp.charAt(end - 1) == '\r') {
                end--;
            }
            String line = sdp.substring(position, end);
            position = next;
            lineNumber++;
            if (lineNumber > maxLines) {
                throw new SdpParseException(lineNumber, "SDP has more than " + maxLines + " lines");
            }
            if (line.isEmpty()) {
                // Trailing blank lines are harmless padding; a blank line before more content is not SDP.
                for (int i = position; i < length; i++) {
                    char c = sdp.charAt(i);
                    if (c != '\r' && c != '\n') {
                        throw new SdpParseException(lineNumber, "empty line");
                    }
                }
                position = length;
                lineNumber--;
                return null;
            }
            return line;
        }

        private void readLine(String line) {
            if (line.length() > maxLineLength) {
                throw new SdpParseException(lineNumber, "line is " + line.length()
                        + " characters, more than the limit of " + maxLineLength);
            }
            checkCharacters(line, lineNumber);
            char type = line.charAt(0);
            if (line.length() < 2 || line.charAt(1) != '=' || type < 'a' || type > 'z') {
                throw new SdpParseException(lineNumber, "expected <type>=<value> with a lower-case letter type, got "
                        + SdpSyntax.quote(line));
            }
            String value = line.substring(2);
            // RFC 8866 §5: "v=", "o=" and "s=" come first, in that order.
            if (lineNumber == 1) {
                if (type != 'v') {
                    throw new SdpParseException(lineNumber, "SDP must start with v=0, not " + SdpSyntax.quote(line));
                }
                if (!value.equals("0")) {
                    throw new SdpParseException(lineNumber, "unsupported SDP version " + SdpSyntax.quote(value) + "; only v=0 exists");
                }
                return;
            }
            if (lineNumber == 2) {
                if (type != 'o') {
                    throw new SdpParseException(lineNumber, "second line must be o=, not " + SdpSyntax.quote(line));
                }
                session = SessionDescription.builder(Origin.parse(value));
                return;
            }
            if (lineNumber == 3) {
                if (type != 's') {
                    throw new SdpParseException(lineNumber, "third line must be s=, not " + SdpSyntax.quote(line));
                }
                session.sessionName(value);
                seenSession['s' - 'a'] = true;
                return;
            }
            if (type == 'm') {
                startSection(value);
            } else if (section == null) {
                readSessionLine(type, value);
            } else {
                readMediaLine(type, value);
            }
        }

        private void readSessionLine(char type, String value) {
            switch (type) {
                case 'v', 'o', 's' -> throw new SdpParseException(lineNumber, "second " + type + "= line");
                case 'i' -> session.information(once(seenSession, type, value));
                case 'u' -> session.uri(once(seenSession, type, value));
                case 'e' -> session.email(nonEmpty(type, value));
                case 'p' -> session.phone(nonEmpty(type, value));
                case 'c' -> session.connection(ConnectionData.parse(once(seenSession, type, value)));
                case 'b' -> session.bandwidth(Bandwidth.parse(value));
                case 't' -> {
                    if (lastTiming != null) {
                        timings.add(lastTiming);
                    }
                    lastTiming = Timing.parse(value);
                }
                case 'r' -> {
                    if (lastTiming == null) {
                        throw new SdpParseException(lineNumber, "r= line before any t= line");
                    }
                    lastTiming = lastTiming.withRepeat(nonEmpty(type, value));
                }
                case 'z' -> session.timeZones(once(seenSession, type, value));
                case 'k' -> session.encryptionKey(once(seenSession, type, value));
                case 'a' -> session.attribute(attribute(value));
                default -> session.unknownLine(new UnknownLine(type, value));
            }
        }

        private void readMediaLine(char type, String value) {
            switch (type) {
                case 'v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z' ->
                        throw new SdpParseException(lineNumber, type + "= is a session-level line and cannot be in a media section");
                case 'i' -> section.information(once(seenMedia, type, value));
                case 'c' -> section.connection(ConnectionData.parse(value));
                case 'b' -> section.bandwidth(Bandwidth.parse(value));
                case 'k' -> section.encryptionKey(once(seenMedia, type, value));
                case 'a' -> section.attribute(attribute(value));
                default -> section.unknownLine(new UnknownLine(type, value));
            }
        }

        private SdpAttribute attribute(String value) {
            if (value.isEmpty()) {
                throw new SdpParseException(lineNumber, "empty attribute");
            }
            return AttributeParser.parse(value);
        }

        private String once(boolean[] seen, char type, String value) {
            if (seen[type - 'a']) {
                throw new SdpParseException(lineNumber, "second " + type + "= line at this level");
            }
            seen[type - 'a'] = true;
            return value;
        }

        private String nonEmpty(char type, String value) {
            if (value.isBlank()) {
                throw new SdpParseException(lineNumber, type + "= line is empty");
            }
            return value;
        }

        // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        private void startSection(String value) {
            finishSection();
            List<String> f = SdpSyntax.fields(value);
            if (f.size() < 4) {
                throw new SdpParseException(lineNumber, "m= must be <media> <port> <proto> <fmt> ..., not "
                        + SdpSyntax.quote(value));
            }
            String portField = f.get(1);
            int slash = portField.indexOf('/');
            int port = SdpSyntax.parseInt(slash < 0 ? portField : portField.substring(0, slash), 0, 65535, "media port");
            Integer numberOfPorts = slash < 0 ? null
                    : SdpSyntax.parseInt(portField.substring(slash + 1), 1, 65535, "number of ports");
            section = MediaDescription.builder(f.get(0), port, f.get(2), f.subList(3, f.size()))
                    .numberOfPorts(numberOfPorts);
            Arrays.fill(seenMedia, false);
            // Build now so that a bad m= line is reported on its own line.
            section.build();
        }

        private void finishSection() {
            if (section != null) {
                sections.add(section.build());
                section = null;
            }
        }
    }
}
