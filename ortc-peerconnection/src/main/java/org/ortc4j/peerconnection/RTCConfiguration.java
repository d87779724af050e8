package org.ortc4j.peerconnection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ortc4j.ice.RTCIceServer;

/**
 * How an {@code RTCPeerConnection} connects: the STUN and TURN servers its ICE agent may use and
 * its bundle policy (W3C WebRTC §4.2.1 {@code RTCConfiguration}; aiortc {@code RTCConfiguration}).
 *
 * <pre>{@code
 * new RTCConfiguration(List.of(new RTCIceServer("stun:stun.l.google.com:19302")));
 * new RTCConfiguration(servers, RTCBundlePolicy.MAX_BUNDLE);
 * RTCConfiguration.newBuilder().bundlePolicy(RTCBundlePolicy.MAX_COMPAT).build();
 * }</pre>
 *
 * <p>Each {@link RTCIceServer} validated itself when it was built, so a configuration that exists
 * holds only servers a peer connection accepts. The W3C members ortc4j does not support yet
 * ({@code iceTransportPolicy}, {@code rtcpMuxPolicy}, {@code certificates},
 * {@code iceCandidatePoolSize}) come with the peer connection; knobs outside the W3C dictionary
 * will not be added here (see STYLE.md, Pion's SettingEngine).
 *
 * @param iceServers the ICE servers, in order; never null (W3C default: empty), an unmodifiable
 *     copy
 * @param bundlePolicy the bundle policy; never null (W3C default: {@link RTCBundlePolicy#BALANCED})
 */
public record RTCConfiguration(List<RTCIceServer> iceServers, RTCBundlePolicy bundlePolicy) {

    /**
     * Copies the fields and fills in the defaults.
     *
     * @param iceServers {@code null} means none, as aiortc's {@code iceServers=None}
     * @param bundlePolicy {@code null} means {@link RTCBundlePolicy#BALANCED}
     * @throws NullPointerException if {@code iceServers} holds null
     */
    public RTCConfiguration {
        if (iceServers == null) {
            iceServers = List.of();
        } else {
            for (int i = 0; i < iceServers.size(); i++) {
                if (iceServers.get(i) == null) {
                    throw new NullPointerException("iceServers[" + i + "] is null");
                }
            }
            iceServers = List.copyOf(iceServers);
        }
        if (bundlePolicy == null) {
            bundlePolicy = RTCBundlePolicy.BALANCED;
        }
    }

    /** No ICE servers (host candidates only) and the balanced bundle policy: the W3C defaults. */
    public RTCConfiguration() {
        this(null, RTCBundlePolicy.BALANCED);
    }

    /**
     * The given ICE servers and the balanced bundle policy.
     *
     * @param iceServers the servers, or {@code null} for none
     */
    public RTCConfiguration(List<RTCIceServer> iceServers) {
        this(iceServers, RTCBundlePolicy.BALANCED);
    }

    /** A builder, for code that sets the fields one by one. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Builds an {@link RTCConfiguration}; unset fields take the W3C defaults. A builder is not
     * thread-safe and may be reused.
     */
    public static final class Builder {

        private List<RTCIceServer> iceServers = List.of();
        private RTCBundlePolicy bundlePolicy = RTCBundlePolicy.BALANCED;

        private Builder() {
        }

        /**
         * Sets the ICE servers, replacing any set before.
         *
         * @param iceServers the servers
         * @return this builder
         */
        public Builder iceServers(RTCIceServer... iceServers) {
            this.iceServers = Arrays.asList(Objects.requireNonNull(iceServers, "iceServers").clone());
            return this;
        }

        /**
         * Sets the ICE servers, replacing any set before.
         *
         * @param iceServers the servers, or {@code null} for none
         * @return this builder
         */
        public Builder iceServers(List<RTCIceServer> iceServers) {
            this.iceServers = iceServers == null ? List.of() : new ArrayList<>(iceServers);
            return this;
        }

        /**
         * Sets the bundle policy.
         *
         * @param bundlePolicy the policy; {@code null} means {@link RTCBundlePolicy#BALANCED}
         * @return this builder
         */
        public Builder bundlePolicy(RTCBundlePolicy bundlePolicy) {
            this.bundlePolicy = bundlePolicy;
            return this;
        }

        /**
         * The configuration described so far.
         *
         * @throws NullPointerException if an ICE server is null
         */
        public RTCConfiguration build() {
            return new RTCConfiguration(iceServers, bundlePolicy);
        }
    }
}
