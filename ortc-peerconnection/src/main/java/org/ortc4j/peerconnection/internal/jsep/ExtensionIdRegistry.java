package org.ortc4j.peerconnection.internal.jsep;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The RTP header extension ids of one peer connection: one URI gets one id for the life of the
 * connection (RFC 8285 §5; RFC 9429 §5.2.2 keeps the current ids in subsequent offers), and an
 * id the remote uses for another URI is never offered for ours.
 *
 * <p>Bounded: at most 254 ids. Not thread-safe: the peer connection uses it on its loop.
 */
public final class ExtensionIdRegistry {

    private final Map<String, Integer> byUri = new HashMap<>();
    private final Map<Integer, String> byId = new HashMap<>();
    private final Set<Integer> foreign = new HashSet<>();

    /**
     * The id of an extension URI, allocated now if it has none: first 1..14, the one-byte header
     * range (RFC 8285 §4.2: 15 is reserved and is not an identifier),
     * then 16..255 (two-byte header, usable with extmap-allow-mixed).
     *
     * @throws JsepException OPERATION when every id is taken
     */
    public int id(String uri) {
        Integer known = byUri.get(uri);
        if (known != null) {
            return known;
        }
        for (int id = 1; id <= 255; id++) {
            if (id != 15 && isFree(id)) {
                byUri.put(uri, id);
                byId.put(id, uri);
                return id;
            }
        }
        throw new JsepException(JsepException.Kind.OPERATION, "no free header extension id left for " + uri);
    }

    /** Records an id the remote chose for a URI (see {@link PayloadTypeRegistry#adopt}). */
    public void adopt(String uri, int id) {
        if (!byUri.containsKey(uri) && isFree(id)) {
            byUri.put(uri, id);
            byId.put(id, uri);
        } else if (!uri.equals(byId.get(id))) {
            foreign.add(id);
        }
    }

    /** Whether an id is neither ours nor used by the remote for another URI. */
    public boolean isFree(int id) {
        return !byId.containsKey(id) && !foreign.contains(id);
    }
}
