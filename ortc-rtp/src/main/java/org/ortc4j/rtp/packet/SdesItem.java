package org.ortc4j.rtp.packet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SDES item (RFC 3550 §6.5): an 8-bit type and up to 255 bytes of value. The value is kept as
 * bytes, because PRIV items (§6.5.8) hold a length-prefixed prefix and not only text.
 *
 * @param type the item type, 1 to 255 (0 ends a chunk's item list)
 * @param value the item's value, 0 to 255 bytes
 */
public record SdesItem(int type, byte[] value) {

    /** RFC 3550 §6.5.1: canonical end-point identifier. */
    public static final int CNAME = 1;
    /** RFC 3550 §6.5.2. */
    public static final int NAME = 2;
    /** RFC 3550 §6.5.3. */
    public static final int EMAIL = 3;
    /** RFC 3550 §6.5.4. */
    public static final int PHONE = 4;
    /** RFC 3550 §6.5.5. */
    public static final int LOC = 5;
    /** RFC 3550 §6.5.6. */
    public static final int TOOL = 6;
    /** RFC 3550 §6.5.7. */
    public static final int NOTE = 7;
    /** RFC 3550 §6.5.8: private extensions. */
    public static final int PRIV = 8;

    /** @throws IllegalArgumentException if type is not 1 to 255 or value is longer than 255 bytes */
    public SdesItem {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("SDES item type must be 1 to 255, not " + type);
        }
        if (value.length > 255) {
            throw new IllegalArgumentException("SDES item of " + value.length + " bytes is longer than 255");
        }
        value = value.clone();
    }

    /** An item with text (RFC 3550 §6.5: "The text is encoded according to the UTF-8 encoding"). */
    public static SdesItem text(int type, String text) {
        return new SdesItem(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A CNAME item. */
    public static SdesItem cname(String cname) {
        return text(CNAME, cname);
    }

    /** The value as UTF-8 text (invalid sequences replaced). */
    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int encodedLength() {
        return 2 + value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdesItem i && type == i.type && Arrays.equals(value, i.value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SdesItem[type=" + type + ", value=" + text() + "]";
    }
}
