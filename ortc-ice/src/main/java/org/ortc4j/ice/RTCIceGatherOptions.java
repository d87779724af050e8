package org.ortc4j.ice;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * How an {@link RTCIceGatherer} gathers (ORTC dictionary {@code RTCIceGatherOptions}, §3.3:
 * {@code gatherPolicy} and {@code iceServers}), plus the knobs a Java application may turn that
 * no W3C dictionary has (as Pion keeps them in its SettingEngine).
 *
 * @param gatherPolicy which candidates to gather; {@code relay} gathers TURN candidates only
 * @param iceServers the STUN and TURN servers to use, in order
 * @param includeLoopback whether loopback addresses give host candidates. Browsers never offer
 *     them; they are useful for two peers on one machine without a network (tests, benchmarks)
 * @param includeIpv6 whether IPv6 addresses give host candidates (link-local ones never do)
 * @param mdnsHostnames whether host candidates hide their address behind a random
 *     {@code <uuid>.local} name answered over multicast DNS, as browsers do
 *     (draft-ietf-mmusic-mdns-ice-candidates)
 * @param serverTimeout how long to wait for a STUN or TURN server before reporting error 701
 * @param tlsTrustManager the certificates trusted for {@code turns:} servers; {@code null} means
 *     the JDK's default trust store
 * @param consentTimeout how long an {@link RTCIceTransport} on this gatherer keeps sending on its
 *     selected pair without a consent response before it fails (RFC 7675 §5.1: "Consent expires
 *     after 30 seconds", the default). An ortc4j knob, as libwebrtc has one: a server that must
 *     free a vanished peer's resources sooner, or a test, chooses less. Shorter than 30 s, the
 *     consent period shrinks to a sixth of it and the disconnected timeout to at most half
 */
public record RTCIceGatherOptions(RTCIceGatherPolicy gatherPolicy, List<RTCIceServer> iceServers,
        boolean includeLoopback, boolean includeIpv6, boolean mdnsHostnames, Duration serverTimeout,
        X509TrustManager tlsTrustManager, Duration consentTimeout) {

    /** The default server timeout: RFC 8489 §6.2.1's 39.5 s is too long to wait for a candidate. */
    public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofSeconds(5);

    /** RFC 7675 §5.1: "Consent expires after 30 seconds." */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

    public RTCIceGatherOptions {
        Objects.requireNonNull(gatherPolicy, "gatherPolicy");
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(serverTimeout, "serverTimeout");
        if (serverTimeout.isNegative() || serverTimeout.isZero()) {
            throw new IllegalArgumentException("serverTimeout must be positive: " + serverTimeout);
        }
        Objects.requireNonNull(consentTimeout, "consentTimeout");
        if (consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IllegalArgumentException("consentTimeout must be positive: " + consentTimeout);
        }
    }

    /** Every candidate type, no servers, no loopback, IPv6 on, no mDNS names. */
    public static RTCIceGatherOptions defaults() {
        return newBuilder().build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder that starts from this value. */
    public Builder toBuilder() {
        return new Builder().gatherPolicy(gatherPolicy).iceServers(iceServers).includeLoopback(includeLoopback)
                .includeIpv6(includeIpv6).mdnsHostnames(mdnsHostnames).serverTimeout(serverTimeout)
                .tlsTrustManager(tlsTrustManager).consentTimeout(consentTimeout);
    }

    /** Builds {@link RTCIceGatherOptions}. */
    public static final class Builder {
        private RTCIceGatherPolicy gatherPolicy = RTCIceGatherPolicy.ALL;
        private List<RTCIceServer> iceServers = List.of();
        private boolean includeLoopback;
        private boolean includeIpv6 = true;
        private boolean mdnsHostnames;
        private Duration serverTimeout = DEFAULT_SERVER_TIMEOUT;
        private X509TrustManager tlsTrustManager;
        private Duration consentTimeout = DEFAULT_CONSENT_TIMEOUT;

        private Builder() {
        }

        public Builder gatherPolicy(RTCIceGatherPolicy gatherPolicy) {
            this.gatherPolicy = gatherPolicy;
            return this;
        }

        public Builder iceServers(List<RTCIceServer> iceServers) {
            this.iceServers = iceServers;
            return this;
        }

        public Builder iceServers(RTCIceServer... iceServers) {
            return iceServers(List.of(iceServers));
        }

        public Builder includeLoopback(boolean includeLoopback) {
            this.includeLoopback = includeLoopback;
            return this;
        }

        public Builder includeIpv6(boolean includeIpv6) {
            this.includeIpv6 = includeIpv6;
            return this;
        }

        public Builder mdnsHostnames(boolean mdnsHostnames) {
            this.mdnsHostnames = mdnsHostnames;
            return this;
        }

        public Builder serverTimeout(Duration serverTimeout) {
            this.serverTimeout = serverTimeout;
            return this;
        }

        public Builder tlsTrustManager(X509TrustManager tlsTrustManager) {
            this.tlsTrustManager = tlsTrustManager;
            return this;
        }

        /** See {@link RTCIceGatherOptions#consentTimeout()}; 30 s unless set. */
        public Builder consentTimeout(Duration consentTimeout) {
            this.consentTimeout = consentTimeout;
            return this;
        }

        public RTCIceGatherOptions build() {
            return new RTCIceGatherOptions(gatherPolicy, iceServers, includeLoopback, includeIpv6, mdnsHostnames,
                    serverTimeout, tlsTrustManager, consentTimeout);
        }
    }
}
