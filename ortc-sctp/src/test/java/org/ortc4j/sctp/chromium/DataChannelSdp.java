package org.ortc4j.sctp.chromium;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ortc4j.dtls.RTCDtlsFingerprint;
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.sdp.CandidateAttribute;
import org.ortc4j.sdp.ConnectionData;
import org.ortc4j.sdp.FingerprintAttribute;
import org.ortc4j.sdp.GroupAttribute;
import org.ortc4j.sdp.IcePwdAttribute;
import org.ortc4j.sdp.IceUfragAttribute;
import org.ortc4j.sdp.MaxMessageSizeAttribute;
import org.ortc4j.sdp.MediaDescription;
import org.ortc4j.sdp.MidAttribute;
import org.ortc4j.sdp.Origin;
import org.ortc4j.sdp.PropertyAttribute;
import org.ortc4j.sdp.SctpPortAttribute;
import org.ortc4j.sdp.SdpSection;
import org.ortc4j.sdp.SessionDescription;
import org.ortc4j.sdp.SetupAttribute;
import org.ortc4j.sdp.SetupRole;

/**
 * The one {@code m=application ... UDP/DTLS/SCTP webrtc-datachannel} section of a data-channel-only
 * session, read from and written to SDP text by hand: what the ORTC objects need from a browser's
 * description and what a browser needs from ours (RFC 8839 ICE, RFC 8842 DTLS setup, RFC 8841
 * SCTP, RFC 8843 BUNDLE). JSEP's full rules are ortc-peerconnection's; this is a test's bridge.
 *
 * @param mid the section's {@code a=mid}
 * @param ice {@code a=ice-ufrag} and {@code a=ice-pwd}
 * @param candidates the {@code a=candidate} lines, as ORTC candidates
 * @param endOfCandidates whether {@code a=end-of-candidates} is present
 * @param fingerprints the {@code a=fingerprint} lines
 * @param setup {@code a=setup}
 * @param sctpPort {@code a=sctp-port} (RFC 8841 §5.2: 5000 when absent)
 * @param maxMessageSize {@code a=max-message-size} (RFC 8841 §6.1: 64 KiB when absent)
 */
record DataChannelSdp(String mid, RTCIceParameters ice, List<RTCIceCandidate> candidates, boolean endOfCandidates,
        List<RTCDtlsFingerprint> fingerprints, SetupRole setup, int sctpPort, long maxMessageSize) {

    /** The protocol of RFC 8841 §4.1. */
    static final String PROTOCOL = "UDP/DTLS/SCTP";

    /** The format of RFC 8841 §4.1. */
    static final String FORMAT = "webrtc-datachannel";

    /** RFC 8841 §6.1: "... the default value of 64K" when max-message-size is absent. */
    static final long DEFAULT_MAX_MESSAGE_SIZE = 65_536;

    DataChannelSdp {
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
    }

    /**
     * The first SCTP media section of {@code sdp}, with session-level ICE credentials and
     * fingerprints used where the section has none (RFC 8839 §5.4, RFC 8122 §5 allow both levels).
     *
     * @throws IllegalArgumentException if there is no SCTP section or it lacks ICE credentials,
     *     fingerprints or {@code a=setup}
     */
    static DataChannelSdp read(String sdp) {
        SessionDescription session = SessionDescription.parse(sdp);
        MediaDescription section = session.media().stream().filter(MediaDescription::isSctp).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SCTP media section in:\n" + sdp));
        String ufrag = either(section, session, IceUfragAttribute.class).map(IceUfragAttribute::ufrag)
                .orElseThrow(() -> new IllegalArgumentException("no a=ice-ufrag"));
        String pwd = either(section, session, IcePwdAttribute.class).map(IcePwdAttribute::pwd)
                .orElseThrow(() -> new IllegalArgumentException("no a=ice-pwd"));
        List<FingerprintAttribute> fingerprintLines = section.attributes(FingerprintAttribute.class);
        if (fingerprintLines.isEmpty()) {
            fingerprintLines = session.attributes(FingerprintAttribute.class);
        }
        if (fingerprintLines.isEmpty()) {
            throw new IllegalArgumentException("no a=fingerprint");
        }
        List<RTCDtlsFingerprint> fingerprints = new ArrayList<>();
        for (FingerprintAttribute f : fingerprintLines) {
            fingerprints.add(new RTCDtlsFingerprint(f.normalizedHashFunction(), f.fingerprint()));
        }
        SetupRole setup = either(section, session, SetupAttribute.class).map(SetupAttribute::role)
                .orElseThrow(() -> new IllegalArgumentException("no a=setup"));
        List<RTCIceCandidate> candidates = new ArrayList<>();
        for (CandidateAttribute c : section.candidates()) {
            candidates.add(RTCIceCandidate.parse(RTCIceCandidate.PREFIX + c.value()));
        }
        return new DataChannelSdp(section.mid().orElse(null), new RTCIceParameters(ufrag, pwd), candidates,
                section.endOfCandidates(), fingerprints, setup, section.sctpPort().orElse(5000),
                section.maxMessageSize().orElse(DEFAULT_MAX_MESSAGE_SIZE));
    }

    private static <T extends org.ortc4j.sdp.SdpAttribute> Optional<T> either(SdpSection media, SdpSection session,
            Class<T> type) {
        Optional<T> value = media.attribute(type);
        return value.isPresent() ? value : session.attribute(type);
    }

    /**
     * This section as a whole session description, as JSEP would write it for a data-channel-only
     * session (RFC 9429 §5.2.1 and §5.3.1): {@code a=group:BUNDLE <mid>}, the candidates and
     * {@code a=end-of-candidates} when {@link #endOfCandidates}, port 9 and {@code c=IN IP4 0.0.0.0}
     * (RFC 8839 §4.2.1.1 "dummy" values: the candidates say where to connect).
     */
    String write(long sessionId, long sessionVersion) {
        MediaDescription.Builder media = MediaDescription.builder("application", 9, PROTOCOL, List.of(FORMAT));
        media.connection(ConnectionData.ip4("0.0.0.0"));
        for (RTCIceCandidate c : candidates) {
            media.attribute(CandidateAttribute.parse(c.toCandidateString().substring(RTCIceCandidate.PREFIX.length())));
        }
        if (endOfCandidates) {
            media.attribute(PropertyAttribute.END_OF_CANDIDATES);
        }
        media.attribute(new IceUfragAttribute(ice.usernameFragment()));
        media.attribute(new IcePwdAttribute(ice.password()));
        for (RTCDtlsFingerprint f : fingerprints) {
            media.attribute(new FingerprintAttribute(f.algorithm(), f.value()));
        }
        media.attribute(new SetupAttribute(setup));
        media.attribute(new MidAttribute(mid));
        media.attribute(new SctpPortAttribute(sctpPort));
        media.attribute(new MaxMessageSizeAttribute(maxMessageSize));
        return SessionDescription.builder(new Origin("-", Long.toString(sessionId), Long.toString(sessionVersion),
                        "IN", "IP4", "127.0.0.1"))
                .attribute(new GroupAttribute(GroupAttribute.BUNDLE, List.of(mid)))
                .media(media.build())
                .build()
                .toSdp();
    }

    /**
     * The ORTC role the peer that wrote this section takes, given ours: RFC 8842 §5.2/§5.3
     * "active" is the DTLS client, "passive" the server; an "actpass" offer answered by us with
     * {@code ourSetup} makes the peer the opposite of us.
     */
    RTCDtlsRole remoteDtlsRole(SetupRole ourSetup) {
        return switch (setup) {
            case ACTIVE -> RTCDtlsRole.CLIENT;
            case PASSIVE -> RTCDtlsRole.SERVER;
            case ACTPASS -> ourSetup == SetupRole.ACTIVE ? RTCDtlsRole.SERVER : RTCDtlsRole.CLIENT;
            case HOLDCONN -> throw new IllegalArgumentException("a=setup:holdconn opens no DTLS connection");
        };
    }
}
