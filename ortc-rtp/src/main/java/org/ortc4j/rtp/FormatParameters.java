package org.ortc4j.rtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The format-specific parameters of a codec, the {@code a=fmtp} line of SDP (RFC 8866 §6.15,
 * RFC 4855 §3) as a map: aiortc's {@code parameters} dictionary, where the W3C API has the
 * {@code sdpFmtpLine} string (W3C WebRTC §5.2.10).
 *
 * <p>The copy keeps the caller's order, because the SDP writer emits parameters in map order and
 * a stable SDP is easier to read and to test. A parameter without a value, such as
 * telephone-event's {@code 0-16}, has the empty string as its value.
 */
final class FormatParameters {

    private FormatParameters() {
    }

    /**
     * An unmodifiable, order-keeping copy.
     *
     * @param parameters the parameters, or {@code null} for none
     * @throws NullPointerException if a key or value is null
     * @throws IllegalArgumentException if a key is empty
     */
    static Map<String, String> copyOf(Map<String, String> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> copy = new LinkedHashMap<>(parameters.size() * 2);
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                throw new NullPointerException("parameters has a null key");
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException("parameters has an empty key");
            }
            if (entry.getValue() == null) {
                throw new NullPointerException("parameters[\"" + key + "\"] is null; use \"\" for a parameter without a value");
            }
            copy.put(key, entry.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }
}
