package org.ortc4j.peerconnection.internal.jsep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The payload types of one peer connection: one codec gets one payload type, the first time it
 * is offered or seen in a remote description, and keeps it for the life of the connection, so
 * that renegotiation never renumbers (RFC 9429 §5.2.2: a subsequent offer keeps the payload
 * types of the current description).
 *
 * <p>Bounded by the payload type space (128 entries). Not thread-safe: the peer connection uses
 * it on its loop.
 */
public final class PayloadTypeRegistry {

    // RFC 3551 §6: static payload types of the audio codecs we know.
    private static final Map<String, Integer> STATIC = Map.of(
            "audio/pcmu/8000/1", 0, "audio/pcma/8000/1", 8, "audio/g722/8000/1", 9);

    private final Map<String, Integer> byCodec = new HashMap<>();
    private final Map<Integer, String> byPayloadType = new HashMap<>();
    private final Set<Integer> foreign = new HashSet<>();

    /**
     * The payload type of a codec, allocated now if it has none: its RFC 3551 static type when
     * free, else the first free dynamic type in 96..127 and then 35..63 (RFC 5761 §4: 64..95 can
     * be confused with RTCP packet types when RTCP is multiplexed, so they are never used).
     *
     * @throws JsepException OPERATION when all 64 usable types are taken
     */
    public int payloadType(String mimeType, int clockRate, Integer channels, Map<String, String> parameters) {
        String key = CodecMatch.key(mimeType, clockRate, channels, parameters);
        Integer known = byCodec.get(key);
        if (known != null) {
            return known;
        }
        Integer fixed = STATIC.get(key);
        if (fixed != null && isFree(fixed)) {
            bind(key, fixed);
            return fixed;
        }
        for (int pt = 96; pt <= 127; pt++) {
            if (isFree(pt)) {
                bind(key, pt);
                return pt;
            }
        }
        for (int pt = 35; pt <= 63; pt++) {
            if (isFree(pt)) {
                bind(key, pt);
                return pt;
            }
        }
        throw new JsepException(JsepException.Kind.OPERATION, "no free RTP payload type left for " + mimeType);
    }

    /**
     * Records a payload type the remote side chose for a codec: our later offers reuse it when it
     * is free (RFC 3264 §8.3.2 lets either side's numbering stand; keeping the remote's spares
     * the other side a remap). A type the remote uses for a codec we have another type for is
     * remembered as taken, so we never offer it for something else.
     */
    public void adopt(String mimeType, int clockRate, Integer channels, Map<String, String> parameters, int payloadType) {
        String key = CodecMatch.key(mimeType, clockRate, channels, parameters);
        if (!byCodec.containsKey(key) && isFree(payloadType)) {
            bind(key, payloadType);
        } else if (!key.equals(byPayloadType.get(payloadType))) {
            foreign.add(payloadType);
        }
    }

    /** Whether a payload type is neither ours nor used by the remote for another codec. */
    public boolean isFree(int payloadType) {
        return !byPayloadType.containsKey(payloadType) && !foreign.contains(payloadType);
    }

    private void bind(String key, int payloadType) {
        byCodec.put(key, payloadType);
        byPayloadType.put(payloadType, key);
    }
}
