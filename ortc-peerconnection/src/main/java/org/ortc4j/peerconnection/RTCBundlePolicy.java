package org.ortc4j.peerconnection;

/**
 * Which media-bundling policy to use when gathering ICE candidates (W3C WebRTC §4.2.4
 * {@code RTCBundlePolicy}; JSEP, RFC 9429 §4.1.1). If the remote endpoint is bundle-aware, all
 * media and data are bundled onto one transport whatever the policy; the policy matters when it
 * is not.
 */
public enum RTCBundlePolicy {
    /**
     * "Gather ICE candidates for each media type in use (audio, video, and data). If the remote
     * endpoint is not bundle-aware, negotiate only one audio and video track on separate
     * transports." The W3C default.
     */
    BALANCED("balanced"),
    /**
     * "Gather ICE candidates for each track. If the remote endpoint is not bundle-aware, negotiate
     * all media tracks on separate transports."
     */
    MAX_COMPAT("max-compat"),
    /**
     * "Gather ICE candidates for only one track. If the remote endpoint is not bundle-aware,
     * negotiate only one media track."
     */
    MAX_BUNDLE("max-bundle");

    private final String value;

    RTCBundlePolicy(String value) {
        this.value = value;
    }

    /** The W3C string: {@code "balanced"}, {@code "max-compat"} or {@code "max-bundle"}. */
    public String value() {
        return value;
    }

    /**
     * The policy named by a W3C string.
     *
     * @throws IllegalArgumentException if {@code value} is not one of the three W3C strings (the
     *     W3C API throws a TypeError here)
     */
    public static RTCBundlePolicy fromValue(String value) {
        if (value != null) {
            for (RTCBundlePolicy policy : values()) {
                if (policy.value.equals(value)) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("not an RTCBundlePolicy: " + (value == null ? "null"
                : '"' + value + '"') + "; expected balanced, max-compat or max-bundle");
    }

    /** The W3C string, as JavaScript would print it. */
    @Override
    public String toString() {
        return value;
    }
}
