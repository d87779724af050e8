package org.ortc4j.examples.server;

import java.util.Map;
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
        Map<String, String> members = FlatJsonObject.parse(json);
        String sdp = members.get("sdp");
        String type = members.get("type");
        if (sdp == null || type == null) {
            throw new IllegalArgumentException("an offer request needs the members \"sdp\" and \"type\"");
        }
        if (!RTCSdpType.OFFER.value().equals(type)) {
            throw new IllegalArgumentException("\"type\" must be \"offer\"");
        }
        VideoTransform transform = VideoTransform.of(members.getOrDefault("video_transform", VideoTransform.NONE.value()));
        return new OfferRequest(RTCSessionDescription.of(type, sdp), transform);
    }
}
