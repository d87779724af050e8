package org.ortc4j.examples.server;

import java.util.Map;
import org.ortc4j.examples.signaling.JsonText;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * The body of {@code POST /offer}, as aiortc's server page sends it:
 * {@code {"sdp": ..., "type": "offer", "video_transform": ...}}. A missing
 * {@code video_transform} means {@link VideoTransform#NONE}; other members are ignored.
 *
 * @param offer the browser's offer, with every candidate (the page waits for gathering to end)
 * @param videoTransform what to do to the camera's frames before sending them back
 */
record OfferRequest(RTCSessionDescription offer, VideoTransform videoTransform) {

    /** The most bytes of body read: an offer with audio, video, data and candidates is ~10 KB. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    /**
     * Reads a request body.
     *
     * @throws IllegalArgumentException with a message for the client if it is not an offer request
     */
    static OfferRequest parse(String json) {
        Map<String, Object> members = JsonText.parseObject(json);
        String sdp = stringMember(members, "sdp");
        String type = stringMember(members, "type");
        if (sdp == null || type == null) {
            throw new IllegalArgumentException("an offer request needs the members \"sdp\" and \"type\"");
        }
        if (!RTCSdpType.OFFER.value().equals(type)) {
            throw new IllegalArgumentException("\"type\" must be \"offer\"");
        }
        String transform = stringMember(members, "video_transform");
        return new OfferRequest(RTCSessionDescription.of(type, sdp),
                transform == null ? VideoTransform.NONE : VideoTransform.of(transform));
    }

    /** Member {@code name} when it is a string, {@code null} when absent; refused when another type. */
    private static String stringMember(Map<String, Object> members, String name) {
        Object value = members.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("member \"" + name + "\" is not a string");
        }
        return (String) value;
    }
}
