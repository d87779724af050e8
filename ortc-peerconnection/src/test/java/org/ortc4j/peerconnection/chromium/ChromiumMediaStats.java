package org.ortc4j.peerconnection.chromium;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ortc4j.sctp.chromium.Json;

/**
 * Chromium's {@code pc.getStats()} entries (webrtc-stats), as the page posted them: looks up the
 * RTP stream of a kind and the codec entry it points at.
 */
final class ChromiumMediaStats {

    private final List<Map<String, Object>> entries;

    @SuppressWarnings("unchecked")
    ChromiumMediaStats(List<Object> entries) {
        this.entries = entries.stream().map(e -> (Map<String, Object>) e).toList();
    }

    /** The entry of {@code type} ("inbound-rtp", "outbound-rtp") and {@code kind}. */
    Map<String, Object> rtp(String type, String kind) {
        return find(type, kind).orElseThrow(() -> new AssertionError("Chromium has no " + type + " " + kind
                + " entry; its stats: " + this));
    }

    Optional<Map<String, Object>> find(String type, String kind) {
        return entries.stream().filter(e -> type.equals(e.get("type")) && kind.equals(e.get("kind"))).findFirst();
    }

    /** The codec entry an RTP entry's {@code codecId} names (webrtc-stats {@code RTCCodecStats}). */
    Map<String, Object> codecOf(Map<String, Object> rtp) {
        Object id = rtp.get("codecId");
        return entries.stream().filter(e -> "codec".equals(e.get("type")) && e.get("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no codec entry " + id + " in " + this));
    }

    /** A numeric member, 0 when absent (Chromium omits some until they count something). */
    static double number(Map<String, Object> entry, String member) {
        Object value = entry.get(member);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    @Override
    public String toString() {
        return Json.write(entries);
    }
}
