package org.ortc4j.ice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stats objects by id (W3C WebRTC §8.3 {@code RTCStatsReport}, a maplike of {@link RTCStats});
 * objects refer to each other by id, as {@code "transportId"} and {@code "codecId"} do.
 */
public final class RTCStatsReport {

    private final Map<String, RTCStats> stats;

    /**
     * A report of these stats.
     *
     * @throws IllegalArgumentException if two share an id
     */
    public RTCStatsReport(Collection<RTCStats> stats) {
        Map<String, RTCStats> byId = new LinkedHashMap<>();
        for (RTCStats entry : stats) {
            if (byId.putIfAbsent(entry.id(), entry) != null) {
                throw new IllegalArgumentException("two stats objects have the id " + entry.id());
            }
        }
        this.stats = Collections.unmodifiableMap(byId);
    }

    /**
     * The report of several reports' stats together, as a peer connection gathers them. An
     * object that several parts report under one id and type is kept once, as the first part
     * gave it: W3C webrtc-stats §7.4 codec objects are shared by every RTP stream of a transport
     * that uses the codec, so a sender and a receiver on one transport both report it.
     *
     * @throws IllegalArgumentException if two parts give one id to objects of different types
     */
    public static RTCStatsReport merge(Collection<RTCStatsReport> reports) {
        Map<String, RTCStats> all = new LinkedHashMap<>();
        for (RTCStatsReport report : reports) {
            for (RTCStats entry : report.stats.values()) {
                RTCStats earlier = all.putIfAbsent(entry.id(), entry);
                if (earlier != null && earlier.type() != entry.type()) {
                    throw new IllegalArgumentException("two stats objects of types " + earlier.type().value() + " and "
                            + entry.type().value() + " have the id " + entry.id());
                }
            }
        }
        return new RTCStatsReport(all.values());
    }

    /** The stats object with this id. */
    public Optional<RTCStats> get(String id) {
        return Optional.ofNullable(stats.get(id));
    }

    /** Every stats object of this type, in report order. */
    public List<RTCStats> ofType(RTCStatsType type) {
        List<RTCStats> matching = new ArrayList<>();
        for (RTCStats entry : stats.values()) {
            if (entry.type() == type) {
                matching.add(entry);
            }
        }
        return matching;
    }

    /** Every stats object by id, in report order. */
    public Map<String, RTCStats> asMap() {
        return stats;
    }

    /** How many stats objects the report holds. */
    public int size() {
        return stats.size();
    }

    @Override
    public String toString() {
        return "RTCStatsReport" + stats.values();
    }
}
