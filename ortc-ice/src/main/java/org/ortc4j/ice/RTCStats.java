package org.ortc4j.ice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stats object (W3C webrtc-stats §3.2 {@code RTCStats}): its id, type and timestamp, and its
 * other members under their W3C names ({@code "packetsReceived"}, {@code "jitter"}, …), as the
 * browser's JavaScript object has them. Values are {@link Long} for counters and integers,
 * {@link Double} for seconds and ratios, {@link String} for ids and names, {@link Boolean} for
 * flags; a member the implementation does not know is absent, not zero.
 *
 * <pre>{@code
 * RTCStats inbound = report.ofType(RTCStatsType.INBOUND_RTP).get(0);
 * long received = inbound.getLong("packetsReceived");
 * }</pre>
 */
public final class RTCStats {

    private final String id;
    private final RTCStatsType type;
    private final double timestamp;
    private final Map<String, Object> members;

    /**
     * A stats object.
     *
     * @param id unique within its report, stable across reports for the same object
     * @param timestamp when the values were taken, in milliseconds since the Unix epoch
     *     (W3C {@code DOMHighResTimeStamp} relative to the epoch, webrtc-stats §3.2)
     * @param members the other members by W3C name; values are Long, Double, String or Boolean
     * @throws IllegalArgumentException if a member has another value type or reuses a name of the
     *     three fixed members
     */
    public RTCStats(String id, RTCStatsType type, double timestamp, Map<String, ?> members) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.timestamp = timestamp;
        Map<String, Object> copy = new LinkedHashMap<>();
        members.forEach((name, given) -> {
            Object value = given;
            Objects.requireNonNull(name, "member name");
            Objects.requireNonNull(value, () -> "value of " + name);
            if (name.equals("id") || name.equals("type") || name.equals("timestamp")) {
                throw new IllegalArgumentException(name + " is a fixed member of RTCStats, not an extra one");
            }
            if (value instanceof Integer i) {
                value = i.longValue();
            } else if (value instanceof Float f) {
                value = f.doubleValue();
            } else if (!(value instanceof Long || value instanceof Double || value instanceof String
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("member " + name + " has a " + value.getClass().getSimpleName()
                        + "; stats values are numbers, strings or booleans");
            }
            copy.put(name, value);
        });
        this.members = Collections.unmodifiableMap(copy);
    }

    /** The id, unique in its report. */
    public String id() {
        return id;
    }

    /** Which W3C dictionary the members follow. */
    public RTCStatsType type() {
        return type;
    }

    /** When the values were taken, in milliseconds since the Unix epoch. */
    public double timestamp() {
        return timestamp;
    }

    /** The members other than id, type and timestamp, by W3C name, in the order they were given. */
    public Map<String, Object> members() {
        return members;
    }

    /** Whether the member is present. */
    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** A member's value, or {@code null} when absent. */
    public Object get(String name) {
        return members.get(name);
    }

    /**
     * An integer member.
     *
     * @throws IllegalArgumentException if it is absent or not an integer
     */
    public long getLong(String name) {
        if (members.get(name) instanceof Long value) {
            return value;
        }
        throw new IllegalArgumentException(type + " stats " + id + " have no integer member " + name);
    }

    /**
     * A numeric member as a double.
     *
     * @throws IllegalArgumentException if it is absent or not a number
     */
    public double getDouble(String name) {
        if (members.get(name) instanceof Number value) {
            return value.doubleValue();
        }
        throw new IllegalArgumentException(type + " stats " + id + " have no numeric member " + name);
    }

    /**
     * A string member.
     *
     * @throws IllegalArgumentException if it is absent or not a string
     */
    public String getString(String name) {
        if (members.get(name) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException(type + " stats " + id + " have no string member " + name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RTCStats other && id.equals(other.id) && type == other.type
                && Double.compare(timestamp, other.timestamp) == 0 && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, timestamp, members);
    }

    @Override
    public String toString() {
        return "RTCStats{id=" + id + ", type=" + type + ", timestamp=" + timestamp + ", " + members + "}";
    }
}
