package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ortc4j.rtp.RTCRtpHeaderExtensionParameters;

/**
 * The negotiated header extensions of an RTP stream: which URI each RFC 8285 id stands for. Packets
 * carry only ids; this map, made from the {@link RTCRtpHeaderExtensionParameters} of the stream's
 * parameters, finds an extension's element by URI. Immutable.
 */
public final class RtpHeaderExtensionMap {

    private final String[] uriById = new String[256];
    private final Map<String, Integer> idByUri = new HashMap<>();

    private RtpHeaderExtensionMap() {
    }

    /**
     * A map of the negotiated extensions.
     *
     * @throws IllegalArgumentException if two extensions share an id, or one URI has two ids
     */
    public static RtpHeaderExtensionMap of(Collection<RTCRtpHeaderExtensionParameters> extensions) {
        RtpHeaderExtensionMap map = new RtpHeaderExtensionMap();
        for (RTCRtpHeaderExtensionParameters extension : extensions) {
            // RFC 8285 §5: each id stands for one extension in a session.
            if (map.uriById[extension.id()] != null) {
                throw new IllegalArgumentException("header extension id " + extension.id() + " is used twice");
            }
            if (map.idByUri.putIfAbsent(extension.uri(), extension.id()) != null) {
                throw new IllegalArgumentException("header extension " + extension.uri() + " has two ids");
            }
            map.uriById[extension.id()] = extension.uri();
        }
        return map;
    }

    /** The URI negotiated for an id, if any. */
    public Optional<String> uri(int id) {
        return id < 1 || id > 255 ? Optional.empty() : Optional.ofNullable(uriById[id]);
    }

    /** The id negotiated for a URI, or 0 (never an id, RFC 8285 §4.2) if it was not negotiated. */
    public int id(String uri) {
        Integer id = idByUri.get(uri);
        return id == null ? 0 : id;
    }

    /** The data of the packet's element for the URI, as a read-only slice, or null if not negotiated or not present. */
    public ByteBuffer find(RtpPacket packet, String uri) {
        int id = id(uri);
        return id == 0 ? null : packet.extension(id);
    }
}
