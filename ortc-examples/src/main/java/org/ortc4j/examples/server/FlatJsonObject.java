package org.ortc4j.examples.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader for the one kind of JSON (RFC 8259) the page posts: an object whose members are
 * all strings, such as {@code {"sdp": "...", "type": "offer", "video_transform": "edges"}}.
 * Anything else (another value type, duplicate names, trailing text, a bad escape, a raw control
 * character) is refused with an {@link IllegalArgumentException} that says where.
 */
final class FlatJsonObject {

    private final String text;
    private int at;

    private FlatJsonObject(String text) {
        this.text = text;
    }

    /**
     * The members of the object in {@code json}, in document order.
     *
     * @throws IllegalArgumentException if {@code json} is not an object of string members
     */
    static Map<String, String> parse(String json) {
        FlatJsonObject reader = new FlatJsonObject(json);
        Map<String, String> members = reader.object();
        reader.skipSpace();
        if (reader.at != json.length()) {
            throw reader.error("text after the object");
        }
        return members;
    }

    private Map<String, String> object() {
        skipSpace();
        expect('{');
        Map<String, String> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return members;
        }
        while (true) {
            skipSpace();
            int nameAt = at;
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (peek() != '"') {
                throw error("member \"" + abbreviate(name) + "\" is not a string");
            }
            String value = string();
            // RFC 8259 §4: names SHOULD be unique; which duplicate wins is undefined, so refuse.
            if (members.putIfAbsent(name, value) != null) {
                at = nameAt;
                throw error("duplicate member \"" + abbreviate(name) + "\"");
            }
            skipSpace();
            char c = next("',' or '}'");
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                at--;
                throw error("expected ',' or '}'");
            }
        }
    }

    // RFC 8259 §7: quotation mark, characters (no control characters), escapes, quotation mark.
    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("the end of a string");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                at--;
                throw error("raw control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next("an escape");
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at + i), 16);
                        if (digit < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    at += 4;
                    out.append((char) code);
                }
                default -> {
                    at--;
                    throw error("bad escape \\" + e);
                }
            }
        }
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next(String expected) {
        if (at >= text.length()) {
            throw error("the text ends where " + expected + " was expected");
        }
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a JSON object of strings: " + what + " at offset " + at);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
