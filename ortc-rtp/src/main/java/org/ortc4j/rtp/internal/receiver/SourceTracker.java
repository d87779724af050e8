package org.ortc4j.rtp.internal.receiver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ortc4j.rtp.RTCRtpContributingSource;

/**
 * The synchronization and contributing sources a receiver saw in the last 10 seconds (W3C WebRTC
 * §5.3.1: "the RTCRtpReceiver ... [keeps] information ... for the last 10 seconds"), updated per
 * packet on the loop and read from any thread.
 */
final class SourceTracker {

    private static final double WINDOW_MS = 10_000;
    /** Bound: a packet carries at most 15 CSRCs; a stream has one SSRC. */
    private static final int MAX_SOURCES = 64;

    private final Map<Long, RTCRtpContributingSource> synchronization = new LinkedHashMap<>();
    private final Map<Long, RTCRtpContributingSource> contributing = new LinkedHashMap<>();

    /**
     * Records a packet's sources.
     *
     * @param nowMs wall-clock arrival in ms since the epoch
     * @param audioLevel W3C linear level from RFC 6464, or {@code null}
     */
    synchronized void update(int ssrc, int[] csrcs, double nowMs, Double audioLevel, long rtpTimestamp) {
        put(synchronization, ssrc, new RTCRtpContributingSource(nowMs, ssrc & 0xFFFF_FFFFL, audioLevel, rtpTimestamp));
        for (int csrc : csrcs) {
            put(contributing, csrc, new RTCRtpContributingSource(nowMs, csrc & 0xFFFF_FFFFL, null, rtpTimestamp));
        }
    }

    private static void put(Map<Long, RTCRtpContributingSource> map, int source, RTCRtpContributingSource entry) {
        long key = source & 0xFFFF_FFFFL;
        map.remove(key);
        map.put(key, entry);
        if (map.size() > MAX_SOURCES) {
            Iterator<Long> oldest = map.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Synchronization sources seen in the 10 s before {@code nowMs}, most recent first. */
    synchronized List<RTCRtpContributingSource> synchronizationSources(double nowMs) {
        return recent(synchronization, nowMs);
    }

    /** Contributing sources seen in the 10 s before {@code nowMs}, most recent first. */
    synchronized List<RTCRtpContributingSource> contributingSources(double nowMs) {
        return recent(contributing, nowMs);
    }

    private static List<RTCRtpContributingSource> recent(Map<Long, RTCRtpContributingSource> map, double nowMs) {
        List<RTCRtpContributingSource> result = new ArrayList<>();
        for (RTCRtpContributingSource source : map.values()) {
            if (nowMs - source.timestamp() <= WINDOW_MS) {
                result.add(0, source);
            }
        }
        return result;
    }
}
