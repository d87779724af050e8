package org.ortc4j.peerconnection;

import java.util.ArrayList;
import java.util.List;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsParameters;
import org.ortc4j.dtls.RTCDtlsRole;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceServer;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.peerconnection.internal.jsep.LocalTransport;
import org.ortc4j.peerconnection.internal.jsep.RemoteSection;
import org.ortc4j.sdp.CandidateAttribute;
import org.ortc4j.sdp.SetupRole;

/**
 * The ICE gatherer, ICE transport and DTLS transport that carry an m-section, or every section
 * of a BUNDLE group (RFC 8843), with the remote candidates on their way to it: what a
 * description says about it, and its start-up once an offer and its answer are applied (ICE
 * started, and restarted when the remote credentials change, RFC 8445 §9; DTLS started with the
 * roles of RFC 5763 §5).
 *
 * <p>Not thread-safe: used on the peer connection's thread only; the ORTC objects hop onto their
 * own loop.
 */
final class SectionTransport {

    private static final System.Logger LOG = System.getLogger(SectionTransport.class.getName());

    private final RTCIceGatherer gatherer;
    private final RTCIceTransport ice;
    private final RTCDtlsTransport dtls;
    private final RemoteCandidates remoteCandidates;
    private boolean gatheringStarted;
    private List<RTCIceServer> servers;
    private boolean started;

    /**
     * A transport on a new stack of the shared Netty network.
     *
     * @throws org.ortc4j.ice.InvalidAccessException if a certificate has expired
     */
    SectionTransport(RTCIceGatherOptions gatherOptions, List<RTCCertificate> certificates) {
        this(gatherOptions, certificates, NettyNetwork.shared().newStack());
    }

    /**
     * A transport on {@code stack}: the peer connection's further transports are made on the
     * first one's loop ({@link NettyNetwork#newStackBeside}), so all of them, SCTP and media run
     * on one thread.
     */
    SectionTransport(RTCIceGatherOptions gatherOptions, List<RTCCertificate> certificates, NetworkStack stack) {
        this.gatherer = new RTCIceGatherer(gatherOptions, stack);
        this.servers = gatherOptions.iceServers();
        this.ice = new RTCIceTransport(gatherer);
        this.dtls = new RTCDtlsTransport(ice, certificates);
        this.remoteCandidates = new RemoteCandidates(ice);
    }

    RTCIceGatherer gatherer() {
        return gatherer;
    }

    RTCIceTransport ice() {
        return ice;
    }

    RTCDtlsTransport dtls() {
        return dtls;
    }

    RemoteCandidates remoteCandidates() {
        return remoteCandidates;
    }

    /** Whether ICE and DTLS were started (an offer and its answer were applied). */
    boolean started() {
        return started;
    }

    /** Starts gathering, the first time only (W3C §4.4.1.5: applying a local description does). */
    void gather() {
        if (!gatheringStarted) {
            gatheringStarted = true;
            gatherer.gather();
        }
    }

    /**
     * RFC 8839 §4.4.1.1.1: new local credentials for a restart offer or answer, if ICE runs;
     * with ICE servers other than those gathered from so far, their candidates are gathered
     * (W3C §4.4.1.6: new servers are used from the next gathering).
     */
    void restartGathering(List<RTCIceServer> currentServers) {
        if (!started) {
            return;
        }
        if (currentServers.equals(servers)) {
            gatherer.restart();
        } else {
            servers = List.copyOf(currentServers);
            gatherer.restart(servers);
        }
    }

    /** A new transport on the same loop as this one. */
    SectionTransport beside(RTCIceGatherOptions gatherOptions, List<RTCCertificate> certificates) {
        return new SectionTransport(gatherOptions, certificates, NettyNetwork.shared().newStackBeside(gatherer.networkStack()));
    }

    /** This transport as a description writes it: credentials, fingerprints, candidates so far. */
    LocalTransport describe(boolean gatheringComplete) {
        List<CandidateAttribute> candidates = new ArrayList<>();
        // The gatherer's list: after an ICE restart it holds the candidates with the new ufrag.
        for (RTCIceCandidate candidate : gatherer.getLocalCandidates()) {
            // CandidateAttribute reads the text after "a=candidate:".
            candidates.add(CandidateAttribute.parse(candidate.toCandidateString().substring(RTCIceCandidate.PREFIX.length())));
        }
        return new LocalTransport(gatherer.getLocalParameters(), candidates, gatheringComplete,
                dtls.getLocalParameters().fingerprints());
    }

    /** Whether {@code pending} (a remote section not yet answered) has credentials ICE does not use yet. */
    boolean restartPending(RemoteSection pending) {
        return started && pending.ice() != null && !pending.ice().equals(ice.getRemoteParameters());
    }

    /**
     * Starts ICE and DTLS with the remote transport section, or restarts ICE when its
     * credentials changed (the transport forgets the old remote candidates, so the section's and
     * those trickled for the restart are given again).
     *
     * @param iceRole our ICE role (RFC 8445 §6.1.1)
     * @param ourSetup our a=setup, for the DTLS roles
     */
    void start(RemoteSection remote, RTCIceRole iceRole, SetupRole ourSetup) {
        if (restartPending(remote)) {
            // RFC 8445 §9: new remote credentials restart ICE.
            ice.start(remote.ice(), iceRole);
            remoteCandidates.addFromDescription(remote);
            remoteCandidates.restartStarted();
        }
        if (!started) {
            started = true;
            ice.start(remote.ice(), iceRole);
            dtls.start(new RTCDtlsParameters(remoteDtlsRole(remote.setup(), ourSetup), remote.fingerprints()))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            LOG.log(System.Logger.Level.DEBUG, "DTLS did not connect: {0}", error.toString());
                        }
                    });
        }
    }

    /** RFC 5763 §5: the remote's DTLS role from its a=setup and ours. */
    private static RTCDtlsRole remoteDtlsRole(SetupRole theirs, SetupRole ours) {
        if (theirs == SetupRole.ACTIVE) {
            return RTCDtlsRole.CLIENT;
        }
        if (theirs == SetupRole.PASSIVE) {
            return RTCDtlsRole.SERVER;
        }
        return ours == SetupRole.ACTIVE ? RTCDtlsRole.SERVER : RTCDtlsRole.CLIENT;
    }

    /** DTLS, ICE and the gatherer's sockets closed; call on the transports' loop, after SCTP stopped. */
    void release() {
        dtls.stop();
        ice.stop();
        gatherer.close();
    }
}
