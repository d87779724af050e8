package org.ortc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code t=<start-time> <stop-time>} with its {@code r=} repeat lines (RFC 8866 §5.9, §5.10).
 * WebRTC always writes {@code t=0 0}: a session without bounds.
 *
 * @param startTime NTP seconds, 0 for unbounded
 * @param stopTime NTP seconds, 0 for unbounded
 * @param repeats the text of each {@code r=} line that follows, kept verbatim
 */
public record Timing(long startTime, long stopTime, List<String> repeats) {

    /** {@code t=0 0}. */
    public static final Timing UNBOUNDED = new Timing(0, 0, List.of());

    public Timing {
        if (startTime < 0 || stopTime < 0) {
            throw new IllegalArgumentException("t= times must not be negative");
        }
        repeats = List.copyOf(repeats);
        for (String repeat : repeats) {
            if (repeat.isBlank()) {
                throw new IllegalArgumentException("r= line is empty");
            }
        }
    }

    /** Reads the text after {@code t=}, without repeats. */
    public static Timing parse(String value) {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 2) {
            throw new IllegalArgumentException("t= must be <start-time> <stop-time>, not " + SdpSyntax.quote(value));
        }
        return new Timing(SdpSyntax.parseLong(f.get(0), 0, Long.MAX_VALUE, "start time"),
                SdpSyntax.parseLong(f.get(1), 0, Long.MAX_VALUE, "stop time"), List.of());
    }

    /** A copy with one more {@code r=} line. */
    public Timing withRepeat(String repeat) {
        List<String> out = new ArrayList<>(repeats);
        out.add(repeat);
        return new Timing(startTime, stopTime, out);
    }

    /** The value as written after {@code t=}. */
    public String value() {
        return startTime + " " + stopTime;
    }
}
