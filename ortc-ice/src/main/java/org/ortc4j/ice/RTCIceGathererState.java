package org.ortc4j.ice;

/**
 * The state of an {@code RTCIceGatherer} (ORTC enum {@code RTCIceGathererState}, §3.5).
 */
public enum RTCIceGathererState {
    /** Created; {@code gather()} not yet called. */
    NEW("new"),

    /** Candidates are being gathered. */
    GATHERING("gathering"),

    /** Gathering finished (end-of-candidates was emitted). */
    COMPLETE("complete"),

    /** Closed; its sockets and allocations are released. */
    CLOSED("closed");

    private final String value;

    RTCIceGathererState(String value) {
        this.value = value;
    }

    /** The W3C string, such as {@code "new"}. */
    public String value() {
        return value;
    }

    /**
     * The {@code RTCIceGathererState} named by a W3C string (case-sensitive, as WebIDL enums are).
     *
     * @throws IllegalArgumentException if {@code value} is not one of new, gathering, complete, closed (the W3C API
     *     throws a TypeError here)
     */
    public static RTCIceGathererState fromValue(String value) {
        if (value != null) {
            for (RTCIceGathererState v : values()) {
                if (v.value.equals(value)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCIceGathererState: "
                + (value == null ? "null" : '"' + value + '"') + "; expected one of new, gathering, complete, closed");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
