package org.ortc4j.sctp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One message received on a data channel (the W3C {@code MessageEvent}'s {@code data}): a string
 * (sent with {@code send(String)}, PPID 51 or 56) or binary data (PPID 53 or 57).
 */
public final class RTCDataChannelMessage {

    private final boolean binary;
    private final byte[] data;
    private String text;

    /**
     * @param binary whether the message is binary
     * @param data the bytes (UTF-8 for a string); kept, not copied
     */
    RTCDataChannelMessage(boolean binary, byte[] data) {
        this.binary = binary;
        this.data = Objects.requireNonNull(data, "data");
    }

    /** A string message. */
    public static RTCDataChannelMessage of(String text) {
        RTCDataChannelMessage m = new RTCDataChannelMessage(false, text.getBytes(StandardCharsets.UTF_8));
        m.text = text;
        return m;
    }

    /** A binary message with a copy of {@code data}. */
    public static RTCDataChannelMessage of(byte[] data) {
        return new RTCDataChannelMessage(true, data.clone());
    }

    /** Whether the message is binary (W3C: an ArrayBuffer or Blob), else a string. */
    public boolean isBinary() {
        return binary;
    }

    /** The length in bytes (UTF-8 bytes for a string). */
    public int length() {
        return data.length;
    }

    /**
     * The text of a string message, decoded from UTF-8 (malformed sequences replaced, as browsers do).
     *
     * @throws IllegalStateException if the message is binary
     */
    public String text() {
        if (binary) {
            throw new IllegalStateException("a binary message has no text; use data() or bytes()");
        }
        String t = text;
        if (t == null) {
            t = new String(data, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    /** The bytes as a read-only buffer (no copy). */
    public ByteBuffer data() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return data.clone();
    }

    @Override
    public String toString() {
        return binary ? "binary message of " + data.length + " bytes" : "string message of " + data.length + " bytes";
    }
}
