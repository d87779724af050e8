package org.ortc4j.sctp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The options of a new data channel (W3C WebRTC dictionary {@code RTCDataChannelInit}, §6.2),
 * checked as {@code createDataChannel} checks them.
 *
 * <p>Build one with {@link #builder()}; every field has the W3C default. The constructor throws
 * {@link IllegalArgumentException} where the W3C API throws a TypeError: both
 * {@code maxPacketLifeTime} and {@code maxRetransmits} set; either outside an unsigned short;
 * {@code protocol} longer than 65535 bytes of UTF-8; {@code negotiated} without an {@code id};
 * an {@code id} outside 0 to 65534.
 *
 * @param ordered whether messages arrive in the order they were sent (default {@code true})
 * @param maxPacketLifeTime how long, in milliseconds, the channel retransmits a message, or
 *     {@code null} for no limit (0 to 65535)
 * @param maxRetransmits how many times the channel retransmits a message, or {@code null} for no
 *     limit (0 to 65535)
 * @param protocol the subprotocol name (default {@code ""})
 * @param negotiated whether the application negotiates the channel out of band, with no DCEP
 *     open message (default {@code false})
 * @param id the stream id; required when {@code negotiated}, ignored otherwise (W3C: the id is
 *     only used when negotiated is true); 0 to 65534
 * @param priority the channel priority (default {@link RTCPriorityType#LOW})
 */
public record RTCDataChannelInit(
        boolean ordered,
        Integer maxPacketLifeTime,
        Integer maxRetransmits,
        String protocol,
        boolean negotiated,
        Integer id,
        RTCPriorityType priority) {

    /** The largest stream id a data channel may use (65535 is reserved, W3C §6.2). */
    public static final int MAX_ID = 65534;

    /** The largest label or protocol, in UTF-8 bytes (W3C §6.2; the DCEP length fields are 16 bits). */
    public static final int MAX_STRING_BYTES = 65535;

    /** Checks the fields as W3C {@code createDataChannel} does. */
    public RTCDataChannelInit {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(priority, "priority");
        checkUnsignedShort("maxPacketLifeTime", maxPacketLifeTime);
        checkUnsignedShort("maxRetransmits", maxRetransmits);
        // W3C §6.2 createDataChannel: "If both [[MaxPacketLifeTime]] and [[MaxRetransmits]]
        // attributes are set (not null), throw a TypeError."
        if (maxPacketLifeTime != null && maxRetransmits != null) {
            throw new IllegalArgumentException(
                    "maxPacketLifeTime and maxRetransmits are both set; at most one may be");
        }
        // W3C §6.2 createDataChannel: a protocol longer than 65535 bytes is a TypeError.
        checkStringLength("protocol", protocol);
        // W3C §6.2: "If [[Negotiated]] is true and [[DataChannelId]] is null, throw a TypeError."
        if (negotiated && id == null) {
            throw new IllegalArgumentException("a negotiated data channel needs an id");
        }
        // W3C §6.2: "If [[DataChannelId]] is equal to 65535, which is greater than the maximum
        // allowed ID of 65534 but still qualifies as an unsigned short, throw a TypeError."
        if (id != null && (id < 0 || id > MAX_ID)) {
            throw new IllegalArgumentException("data channel id out of range 0.." + MAX_ID + ": " + id);
        }
    }

    /** A builder with the W3C defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: ordered, fully reliable, no protocol, not negotiated, priority low. */
    public static RTCDataChannelInit defaults() {
        return builder().build();
    }

    /** Whether the channel is partially reliable (one of the two limits is set). */
    public boolean partiallyReliable() {
        return maxPacketLifeTime != null || maxRetransmits != null;
    }

    /**
     * Throws {@link IllegalArgumentException} if a label or protocol has more than 65535 bytes of
     * UTF-8 (W3C §6.2: "If [[DataChannelLabel]] is longer than 65535 bytes, throw a TypeError.").
     *
     * @param what the name for the message, such as {@code "label"}
     * @param value the string to check
     * @return {@code value}
     */
    public static String checkStringLength(String what, String value) {
        Objects.requireNonNull(value, what);
        // Every char is at most 3 UTF-8 bytes: skip the encoding for the usual short strings.
        if (value.length() * 3L > MAX_STRING_BYTES
                && value.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_STRING_BYTES + " bytes of UTF-8");
        }
        return value;
    }

    private static void checkUnsignedShort(String what, Integer value) {
        // WebIDL [EnforceRange] unsigned short: out of range is a TypeError.
        if (value != null && (value < 0 || value > 0xFFFF)) {
            throw new IllegalArgumentException(what + " out of range 0..65535: " + value);
        }
    }

    /** A mutable builder for {@link RTCDataChannelInit}, starting from the W3C defaults. */
    public static final class Builder {
        private boolean ordered = true;
        private Integer maxPacketLifeTime;
        private Integer maxRetransmits;
        private String protocol = "";
        private boolean negotiated;
        private Integer id;
        private RTCPriorityType priority = RTCPriorityType.LOW;

        private Builder() {}

        /** Sets {@code ordered} (default {@code true}). */
        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        /** Sets {@code maxPacketLifeTime} in milliseconds, or {@code null} for none. */
        public Builder maxPacketLifeTime(Integer maxPacketLifeTime) {
            this.maxPacketLifeTime = maxPacketLifeTime;
            return this;
        }

        /** Sets {@code maxRetransmits}, or {@code null} for none. */
        public Builder maxRetransmits(Integer maxRetransmits) {
            this.maxRetransmits = maxRetransmits;
            return this;
        }

        /** Sets {@code protocol} (default {@code ""}). */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Sets {@code negotiated} (default {@code false}). */
        public Builder negotiated(boolean negotiated) {
            this.negotiated = negotiated;
            return this;
        }

        /** Sets {@code id}, or {@code null} for none. */
        public Builder id(Integer id) {
            this.id = id;
            return this;
        }

        /** Sets {@code priority} (default {@link RTCPriorityType#LOW}). */
        public Builder priority(RTCPriorityType priority) {
            this.priority = priority;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException where W3C {@code createDataChannel} throws a TypeError
         */
        public RTCDataChannelInit build() {
            return new RTCDataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, protocol, negotiated, id, priority);
        }
    }
}
