package org.ortc4j.peerconnection;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ortc4j.dtls.RTCCertificate;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.dtls.RTCDtlsTransportState;
import org.ortc4j.ice.InvalidAccessException;
import org.ortc4j.ice.InvalidModificationException;
import org.ortc4j.ice.InvalidStateException;
import org.ortc4j.ice.OperationException;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceGatherOptions;
import org.ortc4j.ice.RTCIceGathererIceErrorEvent;
import org.ortc4j.ice.RTCIceGatherer;
import org.ortc4j.ice.RTCIceGathererState;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransport;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.RTCStats;
import org.ortc4j.ice.RTCStatsReport;
import org.ortc4j.ice.SyntaxException;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.peerconnection.internal.jsep.AnswerBuilder;
import org.ortc4j.peerconnection.internal.jsep.DataSection;
import org.ortc4j.peerconnection.internal.jsep.DescriptionChecks;
import org.ortc4j.peerconnection.internal.jsep.ExtensionIdRegistry;
import org.ortc4j.peerconnection.internal.jsep.JsepException;
import org.ortc4j.peerconnection.internal.jsep.LocalCapabilities;
import org.ortc4j.peerconnection.internal.jsep.LocalDescription;
import org.ortc4j.peerconnection.internal.jsep.LocalSection;
import org.ortc4j.peerconnection.internal.jsep.LocalTransport;
import org.ortc4j.peerconnection.internal.jsep.OfferBuilder;
import org.ortc4j.peerconnection.internal.jsep.PayloadTypeRegistry;
import org.ortc4j.peerconnection.internal.jsep.RemoteDescription;
import org.ortc4j.peerconnection.internal.jsep.RemoteDescriptionReader;
import org.ortc4j.peerconnection.internal.jsep.RemoteSection;
import org.ortc4j.peerconnection.internal.jsep.Section;
import org.ortc4j.peerconnection.internal.jsep.SessionOrigin;
import org.ortc4j.media.MediaStreamTrack;
import org.ortc4j.rtp.RTCRtpReceiver;
import org.ortc4j.rtp.RTCRtpSender;
import org.ortc4j.rtp.RTCRtpTransceiver;
import org.ortc4j.rtp.RTCRtpTransceiverDirection;
import org.ortc4j.rtp.internal.TransceiverMid;
import org.ortc4j.sctp.RTCDataChannel;
import org.ortc4j.sctp.RTCDataChannelInit;
import org.ortc4j.sctp.RTCDataChannelState;
import org.ortc4j.sctp.RTCSctpCapabilities;
import org.ortc4j.sctp.RTCSctpTransport;
import org.ortc4j.sdp.MediaDirection;
import org.ortc4j.sdp.RTCSdpType;
import org.ortc4j.sdp.RTCSessionDescription;

/**
 * A WebRTC peer connection (W3C WebRTC §4 {@code RTCPeerConnection}; aiortc
 * {@code RTCPeerConnection}): JSEP offer/answer (RFC 9429) over the ORTC objects
 * {@link RTCIceGatherer}, {@link RTCIceTransport}, {@link RTCDtlsTransport} and
 * {@link RTCSctpTransport}.
 *
 * <pre>{@code
 * RTCPeerConnection pc = new RTCPeerConnection(new RTCConfiguration());
 * RTCDataChannel channel = pc.createDataChannel("chat", RTCDataChannelInit.defaults());
 * pc.onIceCandidate(event -> signaling.send(event.toCandidateInit()));
 * pc.setLocalDescription().join();               // creates and applies an offer
 * signaling.send(pc.localDescription());
 * pc.setRemoteDescription(answerFromSignaling).join();
 * }</pre>
 *
 * <p>Promises are {@link CompletableFuture}s; W3C errors are the {@code DomException}s of
 * ortc-ice ({@link InvalidStateException}, {@link InvalidAccessException},
 * {@link InvalidModificationException}, {@link OperationException}, {@link SyntaxException}), as
 * the cause of a failed future or thrown by synchronous methods.
 *
 * <p>Transports (RFC 8843, RFC 9429 §4.1.1): an ICE gatherer, ICE transport and DTLS transport
 * per transport in use. The sections of a BUNDLE group share the transport of its tag; a section
 * outside BUNDLE has its own. Offers with {@link RTCBundlePolicy#MAX_BUNDLE} put every section on
 * one transport; with balanced and max-compat a first offer gathers for each section, as
 * Chromium does, and an answer that accepts BUNDLE releases the transports made only for the
 * offer. Later offers put new sections on the negotiated bundle's transport. All of a peer
 * connection's transports run on one network loop.
 *
 * <p>Threads: the peer connection's state lives on its operations chain, a serial lane on a
 * shared pool of threads (no thread of its own while idle), which runs the W3C operations chain
 * in order and fires the events; every method may be called from any thread, listeners
 * included. Listeners must not block. {@code datachannel} events fire on the transports'
 * network loop, before the channel can deliver a message; listeners there (and a data channel's
 * own listeners) may read the states, but should hand anything else to another thread: the
 * methods that read descriptions or transceivers wait for their turn on the chain.
 */
public final class RTCPeerConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RTCPeerConnection.class.getName());
    /** How long close() waits for the transports' loop and for the operations chain to drain. */
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    // The certificates and bundle policy never change (W3C set a configuration); the ICE servers may.
    private volatile RTCConfiguration configuration;
    private final OperationsChain chain = new OperationsChain("ortc4j-peerconnection");

    // The first transport (the BUNDLE tag's, or the first section's) and every one not released,
    // the first first; the transport of each section of the last descriptions (RFC 8843 §7: a
    // BUNDLE group's sections map to one). All on the first transport's loop.
    private final SectionTransport primary;
    private final List<SectionTransport> transports = new CopyOnWriteArrayList<>();
    private final Map<String, SectionTransport> transportByMid = new HashMap<>();
    private final Map<SectionTransport, RTCIceGathererState> gatheringStates = new HashMap<>();
    private final Scheduler loop;
    private volatile RTCIceGatherOptions gatherOptions;
    private RTCSctpTransport sctp;

    private final LocalCapabilities capabilities = LocalCapabilities.defaults();
    private final PayloadTypeRegistry payloadTypes = new PayloadTypeRegistry();
    private final ExtensionIdRegistry extensionIds = new ExtensionIdRegistry();
    private final SessionOrigin origin;
    private final String cname;

    // Written on the loop only; volatile so the state getters never wait for the loop.
    private volatile RTCSignalingState signalingState = RTCSignalingState.STABLE;
    private LocalDescription currentLocal;
    private LocalDescription pendingLocal;
    private RemoteDescription currentRemote;
    private RemoteDescription pendingRemote;
    private LocalDescription lastOffer;
    private String lastOfferSdp;
    private LocalDescription lastAnswer;
    private String lastAnswerSdp;
    private boolean dataWanted;
    private boolean sctpStarted;
    private boolean closed;
    private boolean iceRestartPending;
    private volatile RTCIceGatheringState iceGatheringState = RTCIceGatheringState.NEW;
    private volatile RTCIceConnectionState iceConnectionState = RTCIceConnectionState.NEW;
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;

    private final TransceiverSet media;
    // Channels not yet closed (SCTP bounds how many are open) and the webrtc-stats counters.
    private final List<RTCDataChannel> channels = new CopyOnWriteArrayList<>();
    private final AtomicLong channelsOpened = new AtomicLong();
    private final AtomicLong channelsClosed = new AtomicLong();

    private boolean negotiationNeeded;

    private final EventListeners<RTCTrackEvent> trackListeners = new EventListeners<>();
    private final EventListeners<Void> negotiationNeededListeners = new EventListeners<>();
    private final EventListeners<RTCPeerConnectionIceEvent> iceCandidateListeners = new EventListeners<>();
    private final EventListeners<RTCDataChannel> dataChannelListeners = new EventListeners<>();
    private final EventListeners<RTCIceGathererIceErrorEvent> iceErrorListeners = new EventListeners<>();
    private final EventListeners<RTCSignalingState> signalingListeners = new EventListeners<>();
    private final EventListeners<RTCIceGatheringState> gatheringListeners = new EventListeners<>();
    private final EventListeners<RTCIceConnectionState> iceConnectionListeners = new EventListeners<>();
    private final EventListeners<RTCPeerConnectionState> connectionListeners = new EventListeners<>();

    /**
     * A peer connection with a configuration (W3C WebRTC §4.4.1.1). Generates its DTLS
     * certificate and opens its ICE gatherer; gathering starts with the first
     * setLocalDescription.
     *
     * @param configuration the ICE servers and bundle policy
     */
    public RTCPeerConnection(RTCConfiguration configuration) {
        this(configuration, RTCIceGatherOptions.newBuilder().iceServers(configuration.iceServers()).build());
    }

    /** A peer connection with the W3C default configuration (no ICE servers, balanced). */
    public RTCPeerConnection() {
        this(new RTCConfiguration());
    }

    /**
     * A peer connection whose ICE gatherer takes the ORTC {@link RTCIceGatherOptions} beyond what
     * the W3C configuration holds: loopback host candidates
     * ({@link RTCIceGatherOptions.Builder#includeLoopback}, for two peers in one process or a
     * browser started with {@code --allow-loopback-in-peer-connection}), IPv6 off, mDNS host
     * names, a relay-only policy, the STUN/TURN timeout. Not W3C: the ORTC way in, as aiortc's
     * peers take their gatherer's options.
     *
     * @param configuration the ICE servers and bundle policy; when it lists ICE servers they
     *     replace those of {@code gatherOptions}
     * @param gatherOptions the gatherer's options
     */
    public RTCPeerConnection(RTCConfiguration configuration, RTCIceGatherOptions gatherOptions) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(gatherOptions, "gatherOptions");
        // W3C §4.4.1.1 constructor: "If any of the certificates have expired, throw an
        // InvalidAccessError"; checked before any socket or thread exists. Without certificates,
        // "generate one or more new RTCCertificate instances".
        for (RTCCertificate certificate : configuration.certificates()) {
            if (certificate.isExpired()) {
                throw new InvalidAccessException("the certificate " + certificate + " expired at " + certificate.expires());
            }
        }
        List<RTCCertificate> certificates = configuration.certificates().isEmpty()
                ? List.of(RTCCertificate.generate()) : configuration.certificates();
        this.configuration = configuration.withCertificates(certificates);
        if (!configuration.iceServers().isEmpty()) {
            gatherOptions = gatherOptions.toBuilder().iceServers(configuration.iceServers()).build();
        }
        SecureRandom random = new SecureRandom();
        this.origin = new SessionOrigin(random);
        this.cname = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        this.gatherOptions = gatherOptions;
        this.primary = new SectionTransport(gatherOptions, certificates);
        this.loop = primary.ice().scheduler();
        this.media = new TransceiverSet(primary.dtls(), cname, () -> chain.post(this::updateNegotiationNeeded));
        listen(primary);
    }

    /** The peer connection's events from a transport: candidates, errors and states. */
    private void listen(SectionTransport transport) {
        transports.add(transport);
        transport.gatherer().onLocalCandidate(candidate -> chain.post(() -> localCandidate(transport, candidate)));
        // The state each event announced, in order with the candidates: reading the gatherer's
        // current state could announce the end before candidates still queued.
        transport.gatherer().onStateChange(state -> chain.post(() -> {
            gatheringStates.put(transport, state);
            updateGatheringState();
        }));
        transport.gatherer().onError(error -> chain.post(() -> {
            if (!closed && transports.contains(transport)) {
                iceErrorListeners.fire(error);
            }
        }));
        transport.ice().onStateChange(state -> chain.post(this::updateConnectionStates));
        transport.dtls().onStateChange(state -> chain.post(this::updateConnectionStates));
    }

    // ---- W3C attributes ----

    /**
     * W3C §4.4.1.6 {@code getConfiguration}: the current configuration, with the certificates
     * in use (the generated one when the configuration given had none) and the ICE servers of
     * the last {@link #setConfiguration}.
     */
    public RTCConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * W3C §4.4.1.6 {@code setConfiguration} ("set a configuration"): replaces the ICE servers.
     * The certificates and the bundle policy cannot change: pass the current ones (as
     * {@link #getConfiguration()} returns them) or no certificates.
     *
     * <p>The new ICE servers are what {@link #getConfiguration()} returns and are gathered from
     * at the next ICE restart ({@link RTCOfferOptions#iceRestart()}, {@link #restartIce()} or a
     * remote offer that restarts ICE) and by transports made from now on: W3C §4.4.1.6 "set a
     * configuration" leaves the current candidates in use until then. The host candidates are
     * kept; server-reflexive and relayed ones come from the new servers.
     *
     * @throws InvalidStateException if the peer connection is closed
     * @throws InvalidModificationException if the certificates or the bundle policy differ from
     *     the current ones
     */
    public void setConfiguration(RTCConfiguration next) {
        Objects.requireNonNull(next, "configuration");
        chain.call(() -> {
            // "If connection.[[IsClosed]] is true, throw an InvalidStateError."
            checkOpen();
            RTCConfiguration current = configuration;
            // "If configuration.certificates is set and the set of certificates differs from the
            // ones used when connection was constructed, throw an InvalidModificationError."
            if (!next.certificates().isEmpty() && !sameCertificates(next.certificates(), current.certificates())) {
                throw new InvalidModificationException("the certificates of a peer connection cannot change");
            }
            // "If the value of configuration.bundlePolicy differs from the connection's bundle
            // policy, throw an InvalidModificationError."
            if (next.bundlePolicy() != current.bundlePolicy()) {
                throw new InvalidModificationException("the bundle policy is " + current.bundlePolicy().value()
                        + " and cannot change to " + next.bundlePolicy().value());
            }
            configuration = new RTCConfiguration(next.iceServers(), current.bundlePolicy(), current.certificates());
            gatherOptions = gatherOptions.toBuilder().iceServers(next.iceServers()).build();
            return null;
        });
    }

    private static boolean sameCertificates(List<RTCCertificate> a, List<RTCCertificate> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i).encoded(), b.get(i).encoded())) {
                return false;
            }
        }
        return true;
    }

    /**
     * W3C §4.10.1 {@code RTCPeerConnection.generateCertificate}: a new self-signed certificate
     * with a fresh key, for {@link RTCConfiguration#certificates()}; generated on another thread.
     *
     * @param keyType ECDSA P-256 or RSA 2048 (the W3C algorithms every browser supports)
     * @param expires how long it is valid; W3C: "If the value of expires is greater than
     *     31536000000, set expires to 31536000000" (365 days)
     * @return fails with IllegalArgumentException (W3C TypeError) if {@code expires} is not
     *     positive
     */
    public static CompletableFuture<RTCCertificate> generateCertificate(RTCCertificate.KeyType keyType,
            java.time.Duration expires) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(expires, "expires");
        java.time.Duration validity = expires.compareTo(RTCCertificate.MAX_VALIDITY) > 0
                ? RTCCertificate.MAX_VALIDITY : expires;
        return CompletableFuture.supplyAsync(() -> RTCCertificate.generate(keyType, validity));
    }

    /** {@link #generateCertificate(RTCCertificate.KeyType, java.time.Duration)} valid for 30 days (W3C default). */
    public static CompletableFuture<RTCCertificate> generateCertificate(RTCCertificate.KeyType keyType) {
        return generateCertificate(keyType, RTCCertificate.DEFAULT_VALIDITY);
    }

    /** W3C {@code signalingState}. */
    public RTCSignalingState signalingState() {
        return signalingState;
    }

    /** W3C {@code iceGatheringState}. */
    public RTCIceGatheringState iceGatheringState() {
        return iceGatheringState;
    }

    /** W3C {@code iceConnectionState}. */
    public RTCIceConnectionState iceConnectionState() {
        return iceConnectionState;
    }

    /** W3C {@code connectionState}: ICE and DTLS aggregated (§4.3.3). */
    public RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    /**
     * W3C {@code localDescription}: the pending local description if there is one, else the
     * current one, with the candidates gathered so far; {@code null} before any.
     */
    public RTCSessionDescription localDescription() {
        return chain.call(() -> describe(pendingLocal != null ? pendingLocal : currentLocal));
    }

    /** W3C {@code currentLocalDescription}: the local description of the last completed negotiation. */
    public RTCSessionDescription currentLocalDescription() {
        return chain.call(() -> describe(currentLocal));
    }

    /** W3C {@code pendingLocalDescription}: the local description of a negotiation in progress. */
    public RTCSessionDescription pendingLocalDescription() {
        return chain.call(() -> describe(pendingLocal));
    }

    /** W3C {@code remoteDescription}: the pending remote description if any, else the current one. */
    public RTCSessionDescription remoteDescription() {
        return chain.call(() -> remoteText(pendingRemote != null ? pendingRemote : currentRemote));
    }

    /** W3C {@code currentRemoteDescription}. */
    public RTCSessionDescription currentRemoteDescription() {
        return chain.call(() -> remoteText(currentRemote));
    }

    /** W3C {@code pendingRemoteDescription}. */
    public RTCSessionDescription pendingRemoteDescription() {
        return chain.call(() -> remoteText(pendingRemote));
    }

    /**
     * W3C {@code canTrickleIceCandidates}: whether the remote description announced trickle ICE;
     * {@code null} before a remote description.
     */
    public Boolean canTrickleIceCandidates() {
        return chain.call(() -> {
            RemoteDescription remote = pendingRemote != null ? pendingRemote : currentRemote;
            return remote == null ? null : remote.canTrickle();
        });
    }

    /**
     * W3C §4.4.1.6 {@code restartIce}: the next offer restarts ICE; asks for negotiation.
     */
    public void restartIce() {
        chain.call(() -> {
            checkOpen();
            iceRestartPending = true;
            updateNegotiationNeeded();
            return null;
        });
    }

    /** W3C {@code sctp}: the SCTP transport once a data section is negotiated, else {@code null}. */
    public RTCSctpTransport sctp() {
        return chain.call(() -> sctpStarted ? sctp : null);
    }

    // ---- offer/answer ----

    /**
     * W3C §4.4.1.5 {@code createOffer}: an offer with every transceiver and, when a data channel
     * exists, a data section. Fails with InvalidStateException once closed.
     */
    public CompletableFuture<RTCSessionDescription> createOffer() {
        return createOffer(new RTCOfferOptions());
    }

    /**
     * W3C §4.4.1.5 {@code createOffer(options)}: with {@code iceRestart}, the offer carries new
     * ICE credentials and, once answered, ICE restarts (RFC 8445 §9) while DTLS and SCTP go on.
     */
    public CompletableFuture<RTCSessionDescription> createOffer(RTCOfferOptions options) {
        Objects.requireNonNull(options, "options");
        return chain.operation(() -> {
            checkOpen();
            LocalDescription offer = buildOffer(options.iceRestart());
            lastOffer = offer;
            lastOfferSdp = offer.toSdp();
            return new RTCSessionDescription(RTCSdpType.OFFER, lastOfferSdp);
        });
    }

    /**
     * W3C §4.4.1.5 {@code createAnswer}: an answer to the remote offer. Fails with
     * InvalidStateException unless the signaling state is have-remote-offer or
     * have-local-pranswer.
     */
    public CompletableFuture<RTCSessionDescription> createAnswer() {
        return chain.operation(() -> {
            checkOpen();
            LocalDescription answer = buildAnswer();
            lastAnswer = answer;
            lastAnswerSdp = answer.toSdp();
            return new RTCSessionDescription(RTCSdpType.ANSWER, lastAnswerSdp);
        });
    }

    /**
     * W3C §4.4.1.5 {@code setLocalDescription()} without a description: creates an offer in
     * stable and have-local-offer, an answer otherwise, and applies it.
     */
    public CompletableFuture<Void> setLocalDescription() {
        return chain.operation(() -> {
            checkOpen();
            if (signalingState == RTCSignalingState.STABLE || signalingState == RTCSignalingState.HAVE_LOCAL_OFFER
                    || signalingState == RTCSignalingState.HAVE_REMOTE_PRANSWER) {
                applyLocal(buildOffer(false));
            } else {
                applyLocal(buildAnswer());
            }
            return null;
        });
    }

    /**
     * W3C §4.4.1.5 {@code setLocalDescription(description)}: applies an offer or answer this
     * peer connection created. A description with empty SDP is implicit (as the no-argument
     * form, for its type).
     *
     * @return fails with InvalidStateException when the type does not fit the signaling state,
     *     InvalidModificationException when the SDP is not the last one created
     */
    public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        return chain.operation(() -> {
            checkOpen();
            RTCSdpType type = description.type();
            if (type == RTCSdpType.ROLLBACK) {
                checkState(type, true, RTCSignalingState.HAVE_LOCAL_OFFER);
                rollbackLocal();
                return null;
            }
            boolean implicit = description.sdp().isEmpty();
            if (type == RTCSdpType.OFFER) {
                checkState(type, true, RTCSignalingState.STABLE, RTCSignalingState.HAVE_LOCAL_OFFER);
                if (implicit) {
                    applyLocal(buildOffer(false));
                } else if (lastOffer == null || !description.sdp().equals(lastOfferSdp)) {
                    // W3C §4.4.1.5: the SDP must be the [[LastCreatedOffer]] unchanged.
                    throw new InvalidModificationException("the offer is not the last one createOffer returned");
                } else {
                    applyLocal(lastOffer);
                }
            } else {
                checkState(type, true, RTCSignalingState.HAVE_REMOTE_OFFER, RTCSignalingState.HAVE_LOCAL_PRANSWER);
                if (implicit) {
                    applyLocal(buildAnswer());
                } else if (lastAnswer == null || !description.sdp().equals(lastAnswerSdp)) {
                    throw new InvalidModificationException("the answer is not the last one createAnswer returned");
                } else {
                    // W3C: the last created answer may be applied as a provisional answer (pranswer).
                    LocalDescription a = lastAnswer;
                    applyLocal(type == a.type() ? a : new LocalDescription(type, a.sessionId(), a.sessionVersion(),
                            a.sections(), a.bundleGroups(), a.setup(), a.transports()));
                }
            }
            return null;
        });
    }

    /**
     * W3C §4.4.1.6 {@code setRemoteDescription}: applies the remote peer's offer or answer.
     *
     * @return fails with InvalidStateException when the type does not fit the signaling state,
     *     SyntaxException when the SDP does not parse, InvalidAccessException when it breaks a
     *     JSEP rule
     */
    public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        return chain.operation(() -> {
            checkOpen();
            if (description.type() == RTCSdpType.ROLLBACK) {
                checkState(description.type(), false, RTCSignalingState.HAVE_REMOTE_OFFER);
                rollbackRemote();
                return null;
            }
            if (description.type() == RTCSdpType.OFFER) {
                checkState(description.type(), false, RTCSignalingState.STABLE, RTCSignalingState.HAVE_REMOTE_OFFER);
            } else {
                checkState(description.type(), false, RTCSignalingState.HAVE_LOCAL_OFFER,
                        RTCSignalingState.HAVE_REMOTE_PRANSWER);
            }
            RemoteDescription remote;
            try {
                remote = RemoteDescriptionReader.read(description);
                if (description.type() == RTCSdpType.OFFER) {
                    DescriptionChecks.offerKeepsSections(remote, currentLocal);
                } else {
                    DescriptionChecks.answerMatchesOffer(remote, pendingLocal);
                }
            } catch (JsepException e) {
                throw OperationsChain.domException(e);
            }
            applyRemote(remote);
            return null;
        });
    }

    /**
     * W3C §4.4.1.6 {@code addIceCandidate}: a remote candidate, or the end of them when
     * {@code candidate} is null or its candidate string empty.
     *
     * @return fails with InvalidStateException before a remote description, OperationException
     *     when sdpMid or sdpMLineIndex names no m-section or the candidate does not parse
     */
    public CompletableFuture<Void> addIceCandidate(RTCIceCandidateInit candidate) {
        return chain.operation(() -> {
            checkOpen();
            RemoteDescription remote = pendingRemote != null ? pendingRemote : currentRemote;
            if (remote == null) {
                throw new InvalidStateException("addIceCandidate needs a remote description");
            }
            boolean named = candidate != null && (candidate.sdpMid() != null || candidate.sdpMLineIndex() != null);
            if (candidate == null || candidate.endOfCandidates() && !named) {
                // W3C §4.4.1.6: a null candidate ends the candidates of every transport.
                for (SectionTransport t : List.copyOf(transports)) {
                    t.remoteCandidates().deliver(null, restartPending(t));
                }
                return null;
            }
            // The candidate goes to the transport of its m-section (by sdpMid, else index).
            SectionTransport target = transportOfCandidate(candidate, remote);
            if (target == null) {
                return null;
            }
            if (candidate.endOfCandidates()) {
                target.remoteCandidates().deliver(null, restartPending(target));
                return null;
            }
            target.remoteCandidates().check(candidate, remote, currentRemote)
                    .ifPresent(parsed -> target.remoteCandidates().deliver(parsed, restartPending(target)));
            return null;
        });
    }

    /** Candidates of an older remote ICE generation that addIceCandidate dropped (not W3C; for tests). */
    long staleCandidatesDropped() {
        return transports.stream().mapToLong(t -> t.remoteCandidates().staleDropped()).sum();
    }

    /**
     * The transport of the remote section a candidate names (the first one when it names none, for
     * RemoteCandidates to reject); {@code null} for a candidate of a transport the remote offered
     * for a section that BUNDLE puts on its tag's transport: its ufrag is the section's own, so
     * W3C §4.4.1.6 accepts it, and no transport uses it (RFC 8843 §7.3.3).
     */
    private SectionTransport transportOfCandidate(RTCIceCandidateInit candidate, RemoteDescription remote) {
        Optional<RemoteSection> section = candidate.sdpMid() != null ? remote.section(candidate.sdpMid())
                : remote.sections().stream().filter(s -> candidate.sdpMLineIndex() != null
                        && s.index() == candidate.sdpMLineIndex()).findFirst();
        if (section.isEmpty()) {
            return primary;
        }
        RemoteSection own = section.get();
        RemoteSection tag = remote.transportSection(own);
        String ufrag = candidate.usernameFragment();
        if (tag != own && ufrag != null && own.ice() != null && tag.ice() != null
                && ufrag.equals(own.ice().usernameFragment()) && !ufrag.equals(tag.ice().usernameFragment())) {
            return null;
        }
        return transportByMid.getOrDefault(tag.mid(), transportByMid.getOrDefault(own.mid(), primary));
    }

    // ---- data channels ----

    /**
     * W3C §6.1 {@code createDataChannel}: a channel on this connection's SCTP transport; it opens
     * once the data section is negotiated and SCTP connects.
     *
     * @throws InvalidStateException if the peer connection is closed
     */
    public RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(init, "init");
        return chain.call(() -> {
            checkOpen();
            RTCDataChannel channel = new RTCDataChannel(sctpTransport(null), label, init);
            count(channel);
            dataWanted = true;
            updateNegotiationNeeded();
            return channel;
        });
    }

    /** A data channel with the default options. */
    public RTCDataChannel createDataChannel(String label) {
        return createDataChannel(label, RTCDataChannelInit.defaults());
    }

    // ---- media ----

    /**
     * W3C §5.1 {@code addTransceiver(kind, init)}: a transceiver with a sender without a track.
     *
     * @param kind "audio" or "video"
     * @throws InvalidStateException if the peer connection is closed
     * @throws IllegalArgumentException if the kind is neither (W3C TypeError)
     */
    public RTCRtpTransceiver addTransceiver(String kind, RTCRtpTransceiverInit init) {
        Objects.requireNonNull(kind, "kind");
        if (!kind.equals("audio") && !kind.equals("video")) {
            throw new IllegalArgumentException("kind must be audio or video, not " + kind);
        }
        return chain.call(() -> {
            checkOpen();
            return addTransceiverNow(kind, null, init == null ? new RTCRtpTransceiverInit() : init, false).transceiver;
        });
    }

    /** W3C §5.1 {@code addTransceiver(track, init)}: a transceiver sending a track. */
    public RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverInit init) {
        Objects.requireNonNull(track, "track");
        return chain.call(() -> {
            checkOpen();
            return addTransceiverNow(track.kind().value(), track, init == null ? new RTCRtpTransceiverInit() : init,
                    false).transceiver;
        });
    }

    /**
     * W3C §5.1 {@code addTrack}: sends a track, on an unused transceiver of its kind that a remote
     * offer created, else on a new sendrecv transceiver.
     *
     * @param streamIds the ids of the streams the track belongs to
     * @throws InvalidStateException if closed
     * @throws InvalidAccessException if the track is already sent by a sender of this connection
     */
    public RTCRtpSender addTrack(MediaStreamTrack track, String... streamIds) {
        Objects.requireNonNull(track, "track");
        List<String> streams = List.of(streamIds);
        return chain.call(() -> {
            checkOpen();
            for (TransceiverSet.Entry t : media.entries()) {
                if (t.transceiver.sender().track().filter(track::equals).isPresent()) {
                    throw new InvalidAccessException("the track is already sent by this peer connection");
                }
            }
            String kind = track.kind().value();
            for (TransceiverSet.Entry t : media.entries()) {
                // W3C §5.1 addTrack: reuse a transceiver of the kind whose sender never sent.
                if (t.kind.equals(kind) && !t.stopped() && !t.everSent && t.transceiver.sender().track().isEmpty()
                        && t.fromRemote) {
                    settle(t.transceiver.sender().replaceTrack(track));
                    t.trackAddedByAddTrack = true;
                    t.streams = streams;
                    RTCRtpTransceiverDirection d = t.transceiver.direction();
                    t.transceiver.setDirection(d == RTCRtpTransceiverDirection.RECVONLY ? RTCRtpTransceiverDirection.SENDRECV
                            : d == RTCRtpTransceiverDirection.INACTIVE ? RTCRtpTransceiverDirection.SENDONLY : d);
                    return t.transceiver.sender();
                }
            }
            return addTransceiverNow(kind, track, new RTCRtpTransceiverInit(null, streams, null), false).transceiver.sender();
        });
    }

    /**
     * W3C §5.1 {@code removeTrack}: the sender stops sending its track; its transceiver no
     * longer sends once renegotiated.
     *
     * @throws InvalidAccessException if the sender is not this connection's
     */
    public void removeTrack(RTCRtpSender sender) {
        Objects.requireNonNull(sender, "sender");
        chain.call(() -> {
            checkOpen();
            TransceiverSet.Entry owner = media.entries().stream().filter(t -> t.transceiver.sender() == sender).findFirst()
                    .orElseThrow(() -> new InvalidAccessException("the sender is not this peer connection's"));
            if (sender.track().isEmpty()) {
                return null;
            }
            // W3C §5.1 removeTrack sets the sender's track to null before it returns.
            settle(sender.replaceTrack(null));
            RTCRtpTransceiverDirection d = owner.transceiver.direction();
            owner.transceiver.setDirection(d == RTCRtpTransceiverDirection.SENDRECV ? RTCRtpTransceiverDirection.RECVONLY
                    : d == RTCRtpTransceiverDirection.SENDONLY ? RTCRtpTransceiverDirection.INACTIVE : d);
            return null;
        });
    }

    /** W3C {@code getTransceivers}, in the order they were created. */
    public List<RTCRtpTransceiver> getTransceivers() {
        return chain.call(() -> media.entries().stream().map(t -> t.transceiver).toList());
    }

    /** W3C {@code getSenders}: the senders of the transceivers that are not stopped. */
    public List<RTCRtpSender> getSenders() {
        return chain.call(() -> media.entries().stream().filter(t -> !t.stopped()).map(t -> t.transceiver.sender()).toList());
    }

    /** W3C {@code getReceivers}: the receivers of the transceivers that are not stopped. */
    public List<RTCRtpReceiver> getReceivers() {
        return chain.call(() -> media.entries().stream().filter(t -> !t.stopped()).map(t -> t.transceiver.receiver()).toList());
    }

    /**
     * Whether receivers created from now on decode (default) or hand their track the encoded
     * frames as they arrived, as {@link org.ortc4j.media.EncodedFrame}s, with no decoder ever
     * created (for an SFU that forwards, a recorder that stores, or a load test). Applies to the
     * receivers of transceivers that {@code addTrack}/{@code addTransceiver} and later remote
     * offers create; call it before them. Existing receivers keep what they do. Statistics
     * (inbound-rtp) are the same either way. Not W3C: an ortc4j extension, like ORTC's
     * {@code RTCRtpReceiver(kind, transport, decode)}.
     *
     * @param decode false for encoded frames
     */
    public void decodeReceivedMedia(boolean decode) {
        chain.call(() -> {
            media.decodeReceived(decode);
            return null;
        });
    }

    // ---- statistics ----

    /**
     * W3C §8.2 {@code getStats}: the senders' and receivers' entries (outbound-rtp,
     * remote-inbound-rtp, media-source, inbound-rtp, remote-outbound-rtp, codec) with
     * peer-connection, transport, candidate-pair, local-candidate, remote-candidate and
     * data-channel entries, named as in W3C webrtc-stats.
     */
    public CompletableFuture<RTCStatsReport> getStats() {
        return chain.operation(() -> {
            checkOpen();
            List<CompletableFuture<RTCStatsReport>> parts = new ArrayList<>();
            for (TransceiverSet.Entry t : media.entries()) {
                if (t.stopped()) {
                    continue;
                }
                if (t.everSent) {
                    parts.add(t.transceiver.sender().getStats());
                }
                if (t.receiving) {
                    parts.add(t.transceiver.receiver().getStats());
                }
            }
            // Collected on the transports' loop, where reading the ICE agent does not wait.
            CompletableFuture<List<RTCStats>> own = new CompletableFuture<>();
            List<RTCDataChannel> openChannels = List.copyOf(channels);
            List<RTCDtlsTransport> dtlsTransports = transports.stream().map(SectionTransport::dtls).toList();
            loop.execute(() -> {
                try {
                    own.complete(PeerConnectionStats.collect(System.currentTimeMillis(), dtlsTransports, openChannels,
                            channelsOpened.get(), channelsClosed.get()));
                } catch (RuntimeException e) {
                    own.completeExceptionally(e);
                }
            });
            parts.add(own.thenApply(RTCStatsReport::new));
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<RTCStatsReport> reports = new ArrayList<>();
                parts.forEach(part -> reports.add(part.join()));
                return RTCStatsReport.merge(reports);
            });
        }).thenCompose(report -> report);
    }

    // ---- events ----

    /**
     * The {@code negotiationneeded} event (W3C §4.7.3): something changed that needs an
     * offer/answer exchange (a new transceiver or data channel, a direction change, a stopped
     * transceiver); fired while stable, after the operation that caused it.
     */
    public AutoCloseable onNegotiationNeeded(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        return negotiationNeededListeners.add(ignored -> listener.run());
    }

    /** The {@code track} event: a remote track, fired when a remote description starts it. */
    public AutoCloseable onTrack(Consumer<RTCTrackEvent> listener) {
        return trackListeners.add(listener);
    }

    /** The {@code icecandidate} event: each local candidate, then one with a null candidate. */
    public AutoCloseable onIceCandidate(Consumer<RTCPeerConnectionIceEvent> listener) {
        return iceCandidateListeners.add(listener);
    }

    /**
     * The {@code icecandidateerror} event (W3C §4.8.3): a STUN or TURN server could not be used;
     * gathering goes on without it.
     */
    public AutoCloseable onIceCandidateError(Consumer<RTCIceGathererIceErrorEvent> listener) {
        return iceErrorListeners.add(listener);
    }

    /** The {@code datachannel} event: a channel the remote peer opened (fired on the SCTP thread). */
    public AutoCloseable onDataChannel(Consumer<RTCDataChannel> listener) {
        return dataChannelListeners.add(listener);
    }

    /** The {@code signalingstatechange} event. */
    public AutoCloseable onSignalingStateChange(Consumer<RTCSignalingState> listener) {
        return signalingListeners.add(listener);
    }

    /** The {@code icegatheringstatechange} event. */
    public AutoCloseable onIceGatheringStateChange(Consumer<RTCIceGatheringState> listener) {
        return gatheringListeners.add(listener);
    }

    /** The {@code iceconnectionstatechange} event. */
    public AutoCloseable onIceConnectionStateChange(Consumer<RTCIceConnectionState> listener) {
        return iceConnectionListeners.add(listener);
    }

    /** The {@code connectionstatechange} event. */
    public AutoCloseable onConnectionStateChange(Consumer<RTCPeerConnectionState> listener) {
        return connectionListeners.add(listener);
    }

    /**
     * W3C §4.4.1.5 {@code close}, "close the connection": the signaling, ICE connection and
     * connection states become closed without events; every transceiver is stopped; every data
     * channel's readyState is closed when this returns, abruptly: no closing or close event
     * fires ("the closing procedure will not be invoked"; the peer's channels close, with their
     * events, when the association's ABORT reaches it); SCTP, DTLS and ICE stop and the sockets
     * (of every transport) are released; the operations chain ends. No peer-connection event
     * fires afterwards. Idempotent; may be called from any thread, listeners included.
     */
    @Override
    public void close() {
        if (chain.isShutdown()) {
            return;
        }
        boolean first;
        try {
            first = chain.call(this::markClosed);
        } catch (InvalidStateException e) {
            // Closed concurrently: the other caller releases the transports.
            return;
        }
        if (first) {
            releaseTransports();
        }
        if (!chain.shutdown(CLOSE_TIMEOUT_SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "the peer connection's operations chain did not end in time");
        }
    }

    /** Whether the operations chain has run its last task (after {@link #close()}); for tests. */
    boolean threadEnded() {
        return chain.isTerminated();
    }

    // ---- on the loop ----

    /**
     * W3C §4.4.1.5 "close the connection", the steps on the peer connection's state: [[IsClosed]]
     * true, signaling state closed, each transceiver stopped, the ICE connection and connection
     * states closed (set, not announced: no events fire).
     *
     * @return whether this call closed it (false when it was closed already)
     */
    private boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        signalingState = RTCSignalingState.CLOSED;
        // "For each transceiver in connection's set of transceivers, run the stop the
        // RTCRtpTransceiver algorithm."
        for (TransceiverSet.Entry t : media.entries()) {
            t.transceiver.stop();
        }
        iceConnectionState = RTCIceConnectionState.CLOSED;
        connectionState = RTCPeerConnectionState.CLOSED;
        return true;
    }

    /**
     * W3C §4.4.1.5 "close the connection", the steps on the transports: "Set the [[ReadyState]]
     * slot of each of connection's RTCDataChannels to "closed"", the SCTP, DTLS and ICE
     * transports closed, and the ICE agent's sockets released (RFC 9429 close). They run
     * on the transports' loop; this waits for them, so they are done when {@link #close()}
     * returns (run at once when called on that loop).
     */
    private void releaseTransports() {
        Runnable release = () -> {
            if (sctp != null) {
                // Every channel's readyState closed, without events, and the association aborted
                // (the peer's channels close too).
                sctp.stopSilently();
            }
            for (SectionTransport t : transports) {
                t.release();
            }
        };
        if (loop.inLoop()) {
            release.run();
            return;
        }
        CompletableFuture<Void> released = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                release.run();
                released.complete(null);
            } catch (RuntimeException e) {
                released.completeExceptionally(e);
            }
        });
        try {
            released.get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A listener on the transports' loop that waits for the peer connection's thread
            // cannot hold close() forever: the transports finish closing on their own.
            LOG.log(System.Logger.Level.WARNING, "closing the transports did not finish in time: {0}", e.toString());
        }
    }

    private LocalDescription buildOffer(boolean iceRestart) {
        if ((iceRestart || iceRestartPending) && transports.stream().anyMatch(SectionTransport::started)) {
            // RFC 8839 §4.4.1.1.1: a restart offer has a new ice-ufrag and ice-pwd (every transport).
            transports.forEach(t -> t.restartGathering(gatherOptions.iceServers()));
            iceRestartPending = false;
        }
        OfferBuilder builder = new OfferBuilder(capabilities, payloadTypes, extensionIds, origin)
                .bundlePolicy(configuration.bundlePolicy())
                .data(dataWanted || hasNegotiatedData(), RTCSctpTransport.MAX_MESSAGE_SIZE);
        if (currentLocal != null) {
            builder.current(currentLocal, currentRemote);
        }
        builder.transceivers(media.states());
        return withOwnTransports(builder.build(mid -> primary.describe(false)));
    }

    private LocalDescription buildAnswer() {
        if (signalingState != RTCSignalingState.HAVE_REMOTE_OFFER
                && signalingState != RTCSignalingState.HAVE_LOCAL_PRANSWER) {
            throw new InvalidStateException("createAnswer needs a remote offer; the signaling state is "
                    + signalingState);
        }
        return withOwnTransports(new AnswerBuilder(capabilities, payloadTypes, extensionIds, origin).cname(cname)
                .maxMessageSize(RTCSctpTransport.MAX_MESSAGE_SIZE)
                .transceivers(media.states())
                .build(pendingRemote, mid -> primary.describe(false)));
    }

    private boolean hasNegotiatedData() {
        return currentLocal != null && currentLocal.dataSection().filter(d -> !d.rejected()).isPresent();
    }

    /**
     * A description the builders made (each transport mid with a stand-in transport) with our
     * transports: the sections that share a stand-in share a transport; each group gets the one
     * its sections had, else one not started yet (the first transport first), else a new one.
     */
    private LocalDescription withOwnTransports(LocalDescription description) {
        List<LocalTransport> standIns = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        // In section order: the first group (the BUNDLE tag's) gets the first transport.
        for (Section section : description.sections()) {
            String mid = section.mid();
            LocalTransport standIn = description.transports().get(mid);
            if (standIn == null) {
                continue;
            }
            int i = indexOfSame(standIns, standIn);
            if (i < 0) {
                standIns.add(standIn);
                groups.add(new ArrayList<>());
                i = groups.size() - 1;
            }
            groups.get(i).add(mid);
        }
        assignTransports(groups);
        return description.withTransports(localTransports(description.transports().keySet()));
    }

    private static int indexOfSame(List<LocalTransport> list, LocalTransport item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }

    /** Gives each group of mids that share a transport one (see {@link #withOwnTransports}). */
    private void assignTransports(List<List<String>> groups) {
        Set<SectionTransport> taken = new HashSet<>();
        List<List<String>> open = new ArrayList<>();
        for (List<String> group : groups) {
            SectionTransport known = group.stream().map(transportByMid::get).filter(Objects::nonNull).findFirst().orElse(null);
            if (known != null && taken.add(known)) {
                group.forEach(mid -> transportByMid.put(mid, known));
            } else {
                open.add(group);
            }
        }
        for (List<String> group : open) {
            SectionTransport chosen = transports.stream().filter(t -> !t.started() && !taken.contains(t)).findFirst().orElse(null);
            if (chosen == null) {
                chosen = primary.beside(gatherOptions, configuration.certificates());
                listen(chosen);
            }
            taken.add(chosen);
            SectionTransport t = chosen;
            group.forEach(mid -> transportByMid.put(mid, t));
        }
    }

    /** Our transports of these sections as a description writes them: credentials, fingerprints, candidates so far. */
    private Map<String, LocalTransport> localTransports(Collection<String> mids) {
        Map<SectionTransport, LocalTransport> described = new HashMap<>();
        Map<String, LocalTransport> result = new LinkedHashMap<>();
        for (String mid : mids) {
            SectionTransport t = transportByMid.getOrDefault(mid, primary);
            result.put(mid, described.computeIfAbsent(t,
                    k -> k.describe(k.gatherer().state() == RTCIceGathererState.COMPLETE)));
        }
        return result;
    }

    private RTCSessionDescription describe(LocalDescription description) {
        if (description == null) {
            return null;
        }
        return description.withTransports(localTransports(description.transports().keySet())).toSessionDescription();
    }

    private static RTCSessionDescription remoteText(RemoteDescription description) {
        return description == null ? null : new RTCSessionDescription(description.type(), description.sdp().toSdp());
    }

    private void checkState(RTCSdpType type, boolean local, RTCSignalingState... allowed) {
        for (RTCSignalingState state : allowed) {
            if (state == signalingState) {
                return;
            }
        }
        // W3C §4.4.1.5/6: a description type the signaling state does not allow is InvalidStateError.
        throw new InvalidStateException("cannot set a " + (local ? "local " : "remote ") + type + " in signaling state "
                + signalingState);
    }

    private void applyLocal(LocalDescription description) {
        if (description.type() == RTCSdpType.OFFER) {
            checkState(description.type(), true, RTCSignalingState.STABLE, RTCSignalingState.HAVE_LOCAL_OFFER);
            pendingLocal = description;
            // W3C §4.4.1.5: applying an offer associates each new transceiver with its section's mid.
            for (LocalSection section : description.mediaSections()) {
                media.byId(section.transceiverId()).filter(t -> t.mid == null).ifPresent(t -> {
                    t.mid = section.mid();
                    t.transceiver.setMid(section.mid());
                });
            }
            setSignalingState(RTCSignalingState.HAVE_LOCAL_OFFER);
        } else if (description.type() == RTCSdpType.PRANSWER) {
            checkState(description.type(), true, RTCSignalingState.HAVE_REMOTE_OFFER,
                    RTCSignalingState.HAVE_LOCAL_PRANSWER);
            // RFC 9429 §4.1.10.1: a provisional answer starts the transports and media it accepts.
            pendingLocal = description;
            startTransports(description, pendingRemote, false);
            media.start(description, pendingRemote, false);
            setSignalingState(RTCSignalingState.HAVE_LOCAL_PRANSWER);
        } else {
            checkState(description.type(), true, RTCSignalingState.HAVE_REMOTE_OFFER,
                    RTCSignalingState.HAVE_LOCAL_PRANSWER);
            currentLocal = description;
            currentRemote = pendingRemote;
            pendingLocal = null;
            pendingRemote = null;
            startTransports(currentLocal, currentRemote, false);
            media.start(currentLocal, currentRemote, false);
            media.removeRejected(currentLocal, currentRemote);
            setSignalingState(RTCSignalingState.STABLE);
        }
        // W3C §4.4.1.5: applying a local description starts gathering (JSEP §5.2).
        for (String mid : description.transports().keySet()) {
            transportByMid.getOrDefault(mid, primary).gather();
        }
    }

    private void applyRemote(RemoteDescription remote) {
        Optional<RemoteSection> remoteData = remote.sections().stream().filter(s -> s.isData() && !s.rejected()).findFirst();
        if (remote.type() == RTCSdpType.OFFER) {
            // Our answer will accept the offer's BUNDLE groups: a transport for each of them and
            // for each section outside, ready for the candidates that come before the answer.
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (RemoteSection s : remote.sections()) {
                if (!s.rejected()) {
                    groups.computeIfAbsent(remote.transportSection(s).mid(), k -> new ArrayList<>()).add(s.mid());
                }
            }
            assignTransports(new ArrayList<>(groups.values()));
        }
        addRemoteCandidates(remote);
        if (remote.type() == RTCSdpType.OFFER) {
            for (RemoteSection ts : transportSections(remote)) {
                if (remote.iceRestart(currentRemote, ts.mid())) {
                    // RFC 8445 §9: the peer restarts ICE; our answer carries new credentials too.
                    transportByMid.getOrDefault(ts.mid(), primary).restartGathering(gatherOptions.iceServers());
                }
            }
            pendingRemote = remote;
            if (remoteData.isPresent()) {
                // The datachannel listener must be on before SCTP can deliver a channel.
                sctpTransport(remoteData.get().mid());
            }
            media.associateRemoteOffer(remote);
            setSignalingState(RTCSignalingState.HAVE_REMOTE_OFFER);
            fireTracks(remote);
        } else if (remote.type() == RTCSdpType.PRANSWER) {
            pendingRemote = remote;
            startTransports(pendingLocal, remote, true);
            media.start(pendingLocal, remote, true);
            setSignalingState(RTCSignalingState.HAVE_REMOTE_PRANSWER);
            fireTracks(remote);
        } else {
            currentLocal = pendingLocal;
            currentRemote = remote;
            pendingLocal = null;
            pendingRemote = null;
            startTransports(currentLocal, currentRemote, true);
            media.start(currentLocal, currentRemote, true);
            media.removeRejected(currentLocal, currentRemote);
            setSignalingState(RTCSignalingState.STABLE);
            fireTracks(remote);
        }
    }

    /**
     * W3C §4.4.1.5 rollback of our offer: the pending description is dropped and the
     * transceivers it gave a mid lose it again (W3C §4.6.1 rollback: "If the mid value of an
     * RTCRtpTransceiver was set to a non-null value by an RTCSessionDescription that is rolled
     * back, the mid value will be set back to null"; RFC 9429 §4.1.10.2), so the next offer
     * assigns one anew.
     */
    private void rollbackLocal() {
        for (TransceiverSet.Entry t : media.entries()) {
            if (midFromPendingDescription(t)) {
                clearMid(t);
            }
        }
        pendingLocal = null;
        setSignalingState(RTCSignalingState.STABLE);
    }

    /**
     * W3C §4.4.1.6 rollback of a remote offer: the pending remote description is dropped; the
     * transceivers it created are stopped and removed, unless addTrack has since attached a track
     * (RFC 9429 §4.1.10.2: "an RtpTransceiver MUST NOT be removed if a track was attached to the
     * RtpTransceiver via the addTrack method"); every transceiver it gave a mid loses it again.
     */
    private void rollbackRemote() {
        List<TransceiverSet.Entry> created = new ArrayList<>();
        for (TransceiverSet.Entry t : media.entries()) {
            if (!midFromPendingDescription(t)) {
                continue;
            }
            if (t.fromRemote && !t.trackAddedByAddTrack) {
                created.add(t);
            } else {
                clearMid(t);
            }
            t.trackFired = false;
        }
        for (TransceiverSet.Entry t : created) {
            t.transceiver.stop();
            media.entries().remove(t);
        }
        pendingRemote = null;
        transports.forEach(t -> t.remoteCandidates().restartAbandoned());
        setSignalingState(RTCSignalingState.STABLE);
    }

    /** Whether the transceiver's mid came from the pending description (the last negotiation does not have it). */
    private boolean midFromPendingDescription(TransceiverSet.Entry t) {
        return t.mid != null && (currentLocal == null || currentLocal.section(t.mid).isEmpty());
    }

    private static void clearMid(TransceiverSet.Entry t) {
        t.mid = null;
        TransceiverMid.clear(t.transceiver);
    }

    private void addRemoteCandidates(RemoteDescription remote) {
        for (RemoteSection ts : transportSections(remote)) {
            SectionTransport t = transportByMid.get(ts.mid());
            if (t != null) {
                t.remoteCandidates().addFromDescription(ts);
            }
        }
    }

    /** Whether the pending remote description has ICE credentials {@code t} does not use yet. */
    private boolean restartPending(SectionTransport t) {
        if (pendingRemote == null) {
            return false;
        }
        for (RemoteSection ts : transportSections(pendingRemote)) {
            if (transportByMid.get(ts.mid()) == t) {
                return t.restartPending(ts);
            }
        }
        return false;
    }

    /** The remote sections that carry a transport (BUNDLE tags and sections outside BUNDLE), in order. */
    private static List<RemoteSection> transportSections(RemoteDescription remote) {
        List<RemoteSection> result = new ArrayList<>();
        for (RemoteSection s : remote.sections()) {
            RemoteSection ts = s.rejected() ? null : remote.transportSection(s);
            if (ts != null && result.stream().noneMatch(r -> r.mid().equals(ts.mid()))) {
                result.add(ts);
            }
        }
        return result;
    }

    /**
     * Starts ICE, DTLS and SCTP once an offer and its answer are both applied: each section's
     * transport is the one of its remote transport section (the BUNDLE tag, or its own); senders
     * and receivers move to it (W3C §4.4.1.6 sets their transport). A final answer releases the
     * transports no section uses any more (RFC 8843 §7.3.3: those made for an offer whose BUNDLE
     * was accepted).
     */
    private void startTransports(LocalDescription local, RemoteDescription remote, boolean weOffered) {
        // RFC 8445 §6.1.1: the offerer is controlling; against an ice-lite peer we control.
        RTCIceRole iceRole = weOffered || remote.iceLite() ? RTCIceRole.CONTROLLING : RTCIceRole.CONTROLLED;
        Map<String, SectionTransport> negotiated = new LinkedHashMap<>();
        Set<SectionTransport> started = new HashSet<>();
        for (RemoteSection s : remote.sections()) {
            if (s.rejected() || local.section(s.mid()).filter(l -> !l.rejected()).isEmpty()) {
                continue;
            }
            RemoteSection ts = remote.transportSection(s);
            SectionTransport t = transportByMid.getOrDefault(ts.mid(), transportByMid.get(s.mid()));
            if (t == null) {
                continue;
            }
            negotiated.put(s.mid(), t);
            if (started.add(t)) {
                t.start(ts, iceRole, local.setup());
            }
        }
        transportByMid.putAll(negotiated);
        for (TransceiverSet.Entry entry : media.entries()) {
            SectionTransport t = entry.mid == null ? null : negotiated.get(entry.mid);
            if (t != null && !entry.stopped()) {
                if (entry.transceiver.sender().transport() != t.dtls()) {
                    settle(entry.transceiver.sender().setTransport(t.dtls()));
                }
                if (entry.transceiver.receiver().transport() != t.dtls()) {
                    settle(entry.transceiver.receiver().setTransport(t.dtls()));
                }
            }
        }
        Optional<DataSection> ourData = local.dataSection().filter(d -> !d.rejected());
        Optional<RemoteSection> theirData = ourData.flatMap(d -> remote.section(d.mid())).filter(s -> !s.rejected());
        if (ourData.isPresent() && theirData.isPresent() && !sctpStarted) {
            sctpStarted = true;
            RemoteSection data = theirData.get();
            SectionTransport dataTransport = negotiated.get(data.mid());
            if (sctp != null && dataTransport != null) {
                // Channels made before the negotiation wait on the first transport; SCTP runs on
                // the data section's (W3C §4.4.1.6 sets the SCTP transport's transport).
                sctp.setTransport(dataTransport.dtls());
            }
            sctpTransport(data.mid()).start(new RTCSctpCapabilities(data.maxMessageSize()),
                    data.sctpPort() == null ? DataSection.DEFAULT_SCTP_PORT : data.sctpPort());
        }
        if (local.type() == RTCSdpType.ANSWER || remote.type() == RTCSdpType.ANSWER) {
            releaseUnused(negotiated);
        }
    }

    private TransceiverSet.Entry addTransceiverNow(String kind, MediaStreamTrack track, RTCRtpTransceiverInit init,
            boolean fromRemote) {
        TransceiverSet.Entry entry = media.add(kind, track, init, fromRemote);
        if (!fromRemote) {
            updateNegotiationNeeded();
        }
        return entry;
    }

    private void fireTracks(RemoteDescription remote) {
        media.newTracks(remote).forEach(trackListeners::fire);
    }

    /**
     * Transports no section of the final answer uses (made for an offer whose BUNDLE the answer
     * accepted): sockets closed. The first transport and SCTP's stay.
     */
    private void releaseUnused(Map<String, SectionTransport> negotiated) {
        transportByMid.keySet().retainAll(negotiated.keySet());
        List<SectionTransport> unused = transports.stream().filter(t -> t != primary && !negotiated.containsValue(t)
                && (sctp == null || t.dtls() != sctp.transport())).toList();
        if (unused.isEmpty()) {
            return;
        }
        transports.removeAll(unused);
        loop.execute(() -> unused.forEach(SectionTransport::release));
        updateGatheringState();
        updateConnectionStates();
    }

    /** The SCTP transport, made on the transport of the data section {@code dataMid} (else the first). */
    private RTCSctpTransport sctpTransport(String dataMid) {
        if (sctp == null) {
            sctp = new RTCSctpTransport(transportByMid.getOrDefault(dataMid == null ? "" : dataMid, primary).dtls());
            sctp.onDataChannel(channel -> {
                count(channel);
                dataChannelListeners.fire(channel);
            });
        }
        return sctp;
    }

    /**
     * Waits for a sender's own loop to apply a change the W3C API makes synchronously. That loop
     * never waits for this one, so this cannot deadlock.
     */
    private static void settle(CompletableFuture<Void> change) {
        try {
            change.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OperationException("the sender did not take the change: " + e, e);
        }
    }

    private void count(RTCDataChannel channel) {
        channels.add(channel);
        // A channel the remote opened may be open when announced: count its opening once.
        AtomicBoolean counted = new AtomicBoolean();
        Runnable opened = () -> {
            if (counted.compareAndSet(false, true)) {
                channelsOpened.incrementAndGet();
            }
        };
        channel.onOpen(opened);
        channel.onClose(() -> {
            channels.remove(channel);
            channelsClosed.incrementAndGet();
        });
        if (channel.readyState() == RTCDataChannelState.OPEN) {
            opened.run();
        }
    }

    private void setSignalingState(RTCSignalingState next) {
        if (signalingState != next) {
            signalingState = next;
            signalingListeners.fire(next);
        }
        if (next == RTCSignalingState.STABLE) {
            // W3C §4.4.1.5/6: back in stable, the flag is computed again.
            negotiationNeeded = false;
            updateNegotiationNeeded();
        }
    }

    /** W3C §4.7.3 update the negotiation-needed flag; the event is queued, fired if still needed. */
    private void updateNegotiationNeeded() {
        if (closed || signalingState != RTCSignalingState.STABLE) {
            return;
        }
        if (!checkNegotiationNeeded()) {
            negotiationNeeded = false;
            return;
        }
        if (negotiationNeeded) {
            return;
        }
        negotiationNeeded = true;
        chain.post(() -> {
            if (!closed && negotiationNeeded && signalingState == RTCSignalingState.STABLE && checkNegotiationNeeded()) {
                negotiationNeededListeners.fire(null);
            }
        });
    }

    /** W3C §4.7.3 check if negotiation is needed, for the parts ortc4j supports. */
    private boolean checkNegotiationNeeded() {
        LocalDescription local = currentLocal;
        if (iceRestartPending) {
            return true;
        }
        if (dataWanted && (local == null || local.dataSection().filter(d -> !d.rejected()).isEmpty())) {
            return true;
        }
        for (TransceiverSet.Entry t : media.entries()) {
            Optional<Section> section = t.mid == null || local == null ? Optional.empty() : local.section(t.mid);
            if (t.stopped()) {
                if (section.isPresent() && !section.get().rejected()) {
                    return true;
                }
                continue;
            }
            if (section.isEmpty() || !(section.get() instanceof LocalSection media) || media.rejected()) {
                return true;
            }
            RTCRtpTransceiverDirection wanted = t.transceiver.direction();
            if (local.type() == RTCSdpType.OFFER) {
                if (!media.direction().value().equals(wanted.value())) {
                    return true;
                }
            } else {
                // In our answer the direction was also limited by the offer: compare what is
                // ours to decide, whether we send.
                boolean wantSend = wanted == RTCRtpTransceiverDirection.SENDRECV || wanted == RTCRtpTransceiverDirection.SENDONLY;
                boolean answeredSend = media.direction() == MediaDirection.SENDRECV || media.direction() == MediaDirection.SENDONLY;
                if (wantSend != answeredSend) {
                    return true;
                }
            }
        }
        return false;
    }

    private void localCandidate(SectionTransport transport, RTCIceCandidate candidate) {
        if (closed || !transports.contains(transport)) {
            return;
        }
        iceCandidateListeners.fire(candidateEvent(transport, candidate));
    }

    /** W3C §4.4.1.6 / §5.6: a candidate names the first m-section its transport carries (the BUNDLE tag). */
    private RTCPeerConnectionIceEvent candidateEvent(SectionTransport transport, RTCIceCandidate candidate) {
        LocalDescription local = pendingLocal != null ? pendingLocal : currentLocal;
        if (local == null) {
            return new RTCPeerConnectionIceEvent(candidate, null, null);
        }
        List<Section> sections = local.sections();
        for (int i = 0; i < sections.size(); i++) {
            if (!sections.get(i).rejected() && transportByMid.get(sections.get(i).mid()) == transport) {
                return new RTCPeerConnectionIceEvent(candidate, sections.get(i).mid(), i);
            }
        }
        for (int i = 0; i < sections.size(); i++) {
            if (!sections.get(i).rejected()) {
                return new RTCPeerConnectionIceEvent(candidate, sections.get(i).mid(), i);
            }
        }
        return new RTCPeerConnectionIceEvent(candidate, null, null);
    }

    /** W3C §4.3.2 RTCIceGatheringState over the transports in use. */
    private void updateGatheringState() {
        if (closed) {
            return;
        }
        RTCIceGatheringState next = ConnectionStates.gathering(transports.stream()
                .map(t -> gatheringStates.getOrDefault(t, RTCIceGathererState.NEW)).toList());
        if (next == iceGatheringState) {
            return;
        }
        iceGatheringState = next;
        gatheringListeners.fire(next);
        if (next == RTCIceGatheringState.COMPLETE) {
            // W3C §5.6: after gathering completes, an icecandidate event with a null candidate.
            iceCandidateListeners.fire(new RTCPeerConnectionIceEvent(null, null, null));
        }
    }

    private void updateConnectionStates() {
        if (closed) {
            return;
        }
        List<RTCIceTransportState> iceStates = transports.stream().map(t -> t.ice().state()).toList();
        RTCIceConnectionState nextIce = ConnectionStates.iceConnection(iceStates);
        if (nextIce != iceConnectionState) {
            iceConnectionState = nextIce;
            iceConnectionListeners.fire(nextIce);
        }
        RTCPeerConnectionState next = ConnectionStates.connection(iceStates, transports.stream().map(t -> t.dtls().state()).toList());
        if (next != connectionState) {
            connectionState = next;
            connectionListeners.fire(next);
        }
    }

    /** W3C §4.3.3 RTCPeerConnectionState of one ICE and one DTLS transport (see {@link ConnectionStates}). */
    static RTCPeerConnectionState aggregate(RTCIceTransportState iceState, RTCDtlsTransportState dtlsState) {
        return ConnectionStates.connection(List.of(iceState), List.of(dtlsState));
    }

    private void checkOpen() {
        if (closed) {
            throw new InvalidStateException("the peer connection is closed");
        }
    }
}
