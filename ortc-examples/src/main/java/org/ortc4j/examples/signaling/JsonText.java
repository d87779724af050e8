package org.ortc4j.examples.signaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader for one object, and the string quoting of Python's
 * {@code json.dumps}, which is what aiortc writes. Just enough JSON for signaling messages; no
 * dependency.
 *
 * <p>The reader returns a map from member name to value, in document order: {@link String},
 * {@link Number} (a {@link JsonNumber} keeping the literal as written), {@link Boolean},
 * {@link List}, {@link Map}, or {@code null} for JSON {@code null}. It refuses what RFC 8259's
 * grammar refuses (trailing commas, single quotes, comments, {@code NaN}, leading zeros, raw
 * control characters in strings, text after the value), duplicate member names (RFC 8259 §4:
 * "The names within an object SHOULD be unique"; which value wins is undefined, so a strict
 * reader refuses), and nesting deeper than {@value #MAX_DEPTH}.
 *
 * <p>The examples' one JSON reader: the signaling messages and the server example's
 * {@code POST /offer} body are read with it.
 */
public final class JsonText {

    /** Deeper than any signaling message; keeps a hostile {@code [[[[...} from exhausting the stack. */
    static final int MAX_DEPTH = 32;

    /**
     * A JSON number as written: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
     *
     * @param literal the number's text
     */
    record JsonNumber(String literal) {

        /** Whether the literal is an integer: no fraction and no exponent. */
        boolean isIntegerLiteral() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }
    }

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    /**
     * Reads a JSON text whose value is an object; white space may surround it.
     *
     * @throws InvalidSignalingMessageException if the text is not one JSON object
     */
    public static Map<String, Object> parseObject(String text) {
        JsonText reader = new JsonText(text);
        reader.skipWhitespace();
        if (reader.pos >= text.length()) {
            throw reader.error("empty message: expected a JSON object");
        }
        if (text.charAt(reader.pos) != '{') {
            throw reader.error("expected a JSON object, starting with '{'");
        }
        Map<String, Object> object = reader.readObject(1);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected text after the JSON object");
        }
        return object;
    }

    private Object readValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of JSON: expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw error("unexpected character " + describe(c) + ": expected a JSON value");
            }
        };
    }

    private Map<String, Object> readObject(int depth) {
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int namePos = pos;
            String name = readString();
            skipWhitespace();
            expect(':');
            Object value = readValue(depth + 1);
            if (members.containsKey(name)) {
                pos = namePos;
                throw error("duplicate member \"" + name + "\"");
            }
            members.put(name, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> readArray(int depth) {
        pos++; // '['
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(readValue(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(items);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String readString() {
        pos++; // '"'
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                // RFC 8259 §7: "All Unicode characters may be placed within the quotation marks,
                // except for the characters that MUST be escaped: quotation mark, reverse
                // solidus, and the control characters (U+0000 through U+001F)."
                throw error("unescaped control character " + describe(c) + " in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    int value = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos + i), 16);
                        if (digit < 0 || text.charAt(pos + i) > 'f') {
                            throw error("\\u must be followed by four hex digits");
                        }
                        value = value * 16 + digit;
                    }
                    pos += 4;
                    out.append((char) value);
                }
                default -> {
                    pos -= 2;
                    throw error("invalid escape \\" + describe(e) + " in a string");
                }
            }
        }
    }

    private JsonNumber readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("a number may not have a leading zero");
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("expected a digit in a number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            skipDigits();
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private Object readLiteral(String literal, Object value) {
        if (!text.startsWith(literal, pos)) {
            throw error("unexpected character " + describe(text.charAt(pos)) + ": expected a JSON value");
        }
        pos += literal.length();
        return value;
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The next character, or U+FFFF at the end (which no grammar rule accepts). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uFFFF';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    // RFC 8259 §2: ws = *( %x20 / %x09 / %x0A / %x0D )
    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private InvalidSignalingMessageException error(String problem) {
        String where = pos >= text.length() ? "at the end" : "at index " + pos;
        return new InvalidSignalingMessageException("malformed JSON " + where + ": " + problem + ", in "
                + SignalingMessages.abbreviate(text));
    }

    private static String describe(char c) {
        if (c == '\uFFFF') {
            return "end of text";
        }
        if (c < 0x20 || c >= 0x7F) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    /**
     * A JSON string literal as Python's {@code json.dumps} writes it with its defaults
     * ({@code ensure_ascii=True}), byte for byte: {@code "} and {@code \} and the controls that
     * have a short escape ({@code \b \f \n \r \t}) get it; every other character outside
     * U+0020..U+007E becomes {@code \}{@code u} and four lower-case hex digits (a character
     * beyond the BMP as its two UTF-16 surrogates, which is how Java holds it already); the solidus
     * is not escaped.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c <= 0x7E) {
                        out.append(c);
                    } else {
                        out.append("\\u").append(Character.forDigit(c >> 12 & 0xF, 16))
                                .append(Character.forDigit(c >> 8 & 0xF, 16))
                                .append(Character.forDigit(c >> 4 & 0xF, 16))
                                .append(Character.forDigit(c & 0xF, 16));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
