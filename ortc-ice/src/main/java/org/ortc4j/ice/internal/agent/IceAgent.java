package org.ortc4j.ice.internal.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidatePair;
import org.ortc4j.ice.RTCIceCandidateType;
import org.ortc4j.ice.RTCIceParameters;
import org.ortc4j.ice.RTCIceProtocol;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.RTCIceTransportState;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.LocalCandidate;
import org.ortc4j.ice.internal.StunRetransmission;
import org.ortc4j.ice.internal.StunTransactions;
import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.stun.ErrorCodeAttribute;
import org.ortc4j.ice.stun.FingerprintAttribute;
import org.ortc4j.ice.stun.IceControlledAttribute;
import org.ortc4j.ice.stun.IceControllingAttribute;
import org.ortc4j.ice.stun.MappedAddressAttribute;
import org.ortc4j.ice.stun.MessageIntegrityKey;
import org.ortc4j.ice.stun.PriorityAttribute;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunAttributeType;
import org.ortc4j.ice.stun.StunMethod;
import org.ortc4j.ice.stun.UnknownAttributesAttribute;
import org.ortc4j.ice.stun.UseCandidateAttribute;
import org.ortc4j.ice.stun.UsernameAttribute;
import org.ortc4j.ice.stun.XorMappedAddressAttribute;

/**
 * A full ICE agent (RFC 8445) for one data stream with one component, over UDP: forms check
 * lists from local and remote candidates as they trickle in (RFC 8838), paces connectivity
 * checks, answers the peer's, nominates (or follows the peer's nomination), keeps consent
 * (RFC 7675) on the selected pair, and reports the W3C {@link RTCIceTransportState}.
 *
 * <p>Everything is confined to the scheduler's loop: call every method there. Datagrams enter
 * through {@link #receive}; STUN goes to the agent, everything else from a known pair goes to
 * {@link IceAgentListener#onData}. Bad input is dropped and counted in {@link #stats()}.
 */
public final class IceAgent {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    /** Checks with USE-CANDIDATE a valid pair gets before the controlling agent gives it up. */
    private static final int MAX_NOMINATION_ATTEMPTS = 2;

    private final Scheduler scheduler;
    private final ByteBufAllocator alloc;
    private final IceAgentConfig config;
    private final IceAgentListener listener;
    private final StunTransactions transactions;
    /** RFC 8445 §7.1.3: "The tiebreaker value is a 64-bit unsigned integer ... chosen randomly". */
    private final long tieBreaker;

    private RTCIceParameters localParameters;
    private RTCIceParameters remoteParameters;
    private MessageIntegrityKey localKey;
    private MessageIntegrityKey remoteKey;
    private RTCIceRole role = RTCIceRole.UNKNOWN;
    private RTCIceTransportState state = RTCIceTransportState.NEW;
    private boolean started;
    private boolean stopped;
    /** Incremented by a restart; outcomes of checks of an older epoch are ignored. */
    private int epoch;

    private final List<LocalCandidate> localCandidates = new ArrayList<>();
    private final List<RemoteCandidate> remoteCandidates = new ArrayList<>();
    private final List<CandidatePair> checkList = new ArrayList<>();
    /** Valid pairs whose local candidate is not in the check list (a server- or peer-reflexive one). */
    private final List<CandidatePair> validOnly = new ArrayList<>();
    /**
     * Sources that sent an authenticated Binding request, with the base it arrived on: their data
     * is accepted even before a pair with them exists. A peer that is already connected (it
     * learned of us first, the answerer) sends its first DTLS flight as soon as its check
     * succeeds, which can be before this agent has the remote description and so any pair;
     * dropping that flight costs the peer's DTLS retransmission timeout (100 ms or more) on every
     * such connection. The source proved it knows our password (MESSAGE-INTEGRITY), so its data
     * is no more suspect than a pair's. Bounded: beyond {@link #MAX_AUTHENTICATED_SOURCES} new
     * sources are not remembered (their data then waits for a pair, as before).
     */
    private final List<AuthenticatedSource> authenticatedSources = new ArrayList<>();

    private record AuthenticatedSource(CandidateBase base, InetSocketAddress address) {}
    static final int MAX_AUTHENTICATED_SOURCES = 32;
    private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
    private boolean localComplete;
    private boolean remoteComplete;

    private CandidatePair selected;
    /** After a restart, until the new session selects a pair (the old one still carries data). */
    private boolean restarting;
    private CandidatePair nominatedThisEpoch;

    private Scheduler.Cancellable pacer;
    private long lastCheckAt;
    private boolean anyCheckSent;
    private Scheduler.Cancellable nominationTimer;
    private long firstValidAt = -1;

    private Scheduler.Cancellable consentTimer;
    private Scheduler.Cancellable livenessTimer;
    private long lastConsentAt;
    /** When the peer was last heard on the selected pair: data, an authenticated request or response. */
    private long lastReceivedAt;
    private long firstUnansweredAt = -1;
    private boolean disconnected;
    private boolean consentLost;

    /** Where the response being handed to the transactions arrived (for the symmetry check). */
    private CandidateBase responseBase;
    private InetSocketAddress responseFrom;

    private long checksSent;
    private long checksReceived;
    private long successResponsesReceived;
    private long errorResponsesReceived;
    private long checkTimeouts;
    private long responsesSent;
    private long errorResponsesSent;
    private long nonSymmetricResponses;
    private long malformedDropped;
    private long badFingerprintDropped;
    private long badIntegrityDropped;
    private long unknownUfragDropped;
    private long unexpectedStunDropped;
    private long unknownSourceDataDropped;
    private long roleConflicts;
    private long tcpCandidatesIgnored;
    private long unusableCandidatesIgnored;
    private long pairsDroppedByLimit;
    private long consentRequestsSent;
    private long consentResponsesReceived;
    private long dataDroppedNoPair;

    /**
     * @param scheduler the loop: clock, timers, thread
     * @param alloc allocates the datagrams the agent sends
     * @param config timing and limits
     * @param listener receives state, selection and data; called on the loop
     */
    public IceAgent(Scheduler scheduler, ByteBufAllocator alloc, IceAgentConfig config, IceAgentListener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.transactions = new StunTransactions(scheduler);
        this.tieBreaker = config.random().nextLong();
    }

    // ---------------------------------------------------------------------------------------
    // API

    /** Sets our ufrag and password; before {@link #start}. */
    public void setLocalParameters(RTCIceParameters local) {
        requireLoop();
        Objects.requireNonNull(local, "local");
        requireNotStopped();
        if (started) {
            throw new IllegalStateException("local parameters are set before start; use restart to change them");
        }
        localParameters = local;
        localKey = MessageIntegrityKey.shortTerm(local.password());
    }

    /**
     * Starts checking with the peer's credentials in {@code role} (controlling whatever
     * {@code role} says when the peer is ICE-lite, RFC 8445 §6.1.1).
     *
     * @throws IllegalStateException if already started, stopped, or without local parameters
     * @throws IllegalArgumentException if {@code role} is {@link RTCIceRole#UNKNOWN}
     */
    public void start(RTCIceParameters remote, RTCIceRole role) {
        requireLoop();
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(role, "role");
        requireNotStopped();
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (localParameters == null) {
            throw new IllegalStateException("setLocalParameters must come before start");
        }
        if (role == RTCIceRole.UNKNOWN) {
            throw new IllegalArgumentException("role must be controlling or controlled");
        }
        this.remoteParameters = remote;
        this.remoteKey = MessageIntegrityKey.shortTerm(remote.password());
        // RFC 8445 §6.1.1: "If one agent is a full agent and the other is a lite agent, the full
        // agent MUST take the controlling role". This agent is always a full one.
        this.role = remote.iceLite() ? RTCIceRole.CONTROLLING : role;
        this.started = true;
        formAllPairs();
        kick();
        updateState();
    }

    /** Adds a local candidate (host, srflx with its host's base, relay); any time (trickle). Duplicates are ignored. */
    public void addLocalCandidate(LocalCandidate candidate) {
        requireLoop();
        Objects.requireNonNull(candidate, "candidate");
        requireNotStopped();
        if (candidate.candidate().protocol() != RTCIceProtocol.UDP) {
            return;
        }
        for (LocalCandidate known : localCandidates) {
            if (known.base() == candidate.base() && known.candidate().type() == candidate.candidate().type()
                    && known.candidate().address().equals(candidate.candidate().address())
                    && known.candidate().port() == candidate.candidate().port()) {
                return;
            }
        }
        localCandidates.add(candidate);
        if (started) {
            for (RemoteCandidate remote : List.copyOf(remoteCandidates)) {
                formPair(candidate, remote);
            }
            kick();
        }
        updateState();
    }

    /** No more local candidates will come (end of gathering). */
    public void localCandidatesComplete() {
        requireLoop();
        requireNotStopped();
        localComplete = true;
        updateState();
    }

    /**
     * Adds a remote candidate: an IP literal (mDNS names resolved before), before or after start.
     * Duplicates are ignored; TCP candidates and ones whose address is not an IP literal are
     * ignored and counted.
     */
    public void addRemoteCandidate(RTCIceCandidate candidate) {
        requireLoop();
        Objects.requireNonNull(candidate, "candidate");
        requireNotStopped();
        if (candidate.protocol() != RTCIceProtocol.UDP) {
            tcpCandidatesIgnored++;
            return;
        }
        // Trickle ICE (RFC 8838) ties a trickled candidate to its ICE generation by the ufrag it
        // carries: one from another generation (before a restart) belongs to no current session.
        String ufrag = candidate.usernameFragment();
        if (ufrag != null && remoteParameters != null && !ufrag.equals(remoteParameters.usernameFragment())) {
            unusableCandidatesIgnored++;
            return;
        }
        InetAddress ip = ipLiteral(candidate.address());
        if (ip == null || candidate.port() == 0) {
            unusableCandidatesIgnored++;
            return;
        }
        InetSocketAddress address = new InetSocketAddress(ip, candidate.port());
        RemoteCandidate known = findRemote(address, candidate.componentId());
        if (known != null) {
            // Trickle ICE (RFC 8838, receiving trickled candidates), in substance: a signalled
            // candidate that matches a peer-reflexive one learned from a check replaces it; its
            // pairs keep their state.
            if (known.candidate.type() == RTCIceCandidateType.PRFLX && candidate.type() != RTCIceCandidateType.PRFLX) {
                known.candidate = candidate;
                for (CandidatePair pair : allPairs().toList()) {
                    if (pair.remoteAddress().equals(address)) {
                        pair.remote(candidate);
                        pair.computePriority(role);
                    }
                }
            }
            return;
        }
        RemoteCandidate remote = new RemoteCandidate(candidate, address);
        remoteCandidates.add(remote);
        if (started) {
            for (LocalCandidate local : List.copyOf(localCandidates)) {
                formPair(local, remote);
            }
            kick();
        }
        updateState();
    }

    /** The peer signalled the end of its candidates. */
    public void remoteCandidatesComplete() {
        requireLoop();
        requireNotStopped();
        remoteComplete = true;
        updateState();
    }

    /**
     * One datagram that arrived on {@code base} from {@code from}: every datagram of every base
     * goes here. Takes ownership of {@code data}. Never throws for bad input.
     */
    public void receive(CandidateBase base, InetSocketAddress from, ByteBuf data) {
        Objects.requireNonNull(data, "data");
        if (stopped || base == null || from == null || !data.isReadable()) {
            if (!stopped) {
                malformedDropped++;
            }
            data.release();
            return;
        }
        int first = data.getUnsignedByte(data.readerIndex());
        // RFC 7983 §7: "If the value of the first byte is in the range 0 to 3 (inclusive), then
        // the packet is STUN"; everything else is for the layers above.
        if (first > 3) {
            if (isKnownRemote(base, from)) {
                heardFrom(base, from);
                listener.onData(data);
            } else {
                unknownSourceDataDropped++;
                data.release();
            }
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(data);
        } finally {
            data.release();
        }
        StunMessage message;
        try {
            message = StunMessage.decode(bytes);
        } catch (IllegalArgumentException e) {
            malformedDropped++;
            return;
        }
        handleStun(base, from, message);
    }

    /**
     * Sends one datagram over the selected pair. Takes ownership of {@code data}.
     *
     * @return false, having released {@code data}, when no pair is selected, consent is lost
     *     (RFC 7675 §5.1: stop sending) or the agent is stopped
     */
    public boolean send(ByteBuf data) {
        Objects.requireNonNull(data, "data");
        CandidatePair pair = selected;
        if (stopped || pair == null || consentLost || !pair.base().isOpen()) {
            dataDroppedNoPair++;
            data.release();
            return false;
        }
        pair.base().send(data, pair.remoteAddress());
        return true;
    }

    /**
     * An ICE restart (RFC 8445 §9): new credentials on both sides, remote candidates cleared,
     * checks start over. Local candidates stay (their bases are still good); the old selected
     * pair keeps carrying data until the new session selects one.
     */
    public void restart(RTCIceParameters newLocal, RTCIceParameters newRemote) {
        requireLoop();
        Objects.requireNonNull(newLocal, "newLocal");
        Objects.requireNonNull(newRemote, "newRemote");
        requireNotStopped();
        if (!started) {
            throw new IllegalStateException("restart needs a started agent");
        }
        epoch++;
        transactions.cancelAll();
        cancel(pacer);
        pacer = null;
        cancel(nominationTimer);
        nominationTimer = null;
        localParameters = newLocal;
        localKey = MessageIntegrityKey.shortTerm(newLocal.password());
        remoteParameters = newRemote;
        remoteKey = MessageIntegrityKey.shortTerm(newRemote.password());
        remoteCandidates.clear();
        authenticatedSources.clear();
        checkList.clear();
        validOnly.clear();
        triggered.clear();
        localCandidates.removeIf(c -> c.candidate().type() == RTCIceCandidateType.PRFLX);
        remoteComplete = false;
        nominatedThisEpoch = null;
        firstValidAt = -1;
        if (consentLost) {
            selected = null;
            consentLost = false;
            stopConsent();
        }
        restarting = true;
        updateState();
    }

    /** Stops: state closed, timers cancelled, nothing more is sent. Idempotent. */
    public void stop() {
        requireLoop();
        if (stopped) {
            return;
        }
        stopped = true;
        transactions.cancelAll();
        cancel(pacer);
        cancel(nominationTimer);
        stopConsent();
        triggered.clear();
        updateState();
    }

    /** The W3C transport state. */
    public RTCIceTransportState state() {
        return state;
    }

    /** The current role; {@link RTCIceRole#UNKNOWN} before start. */
    public RTCIceRole role() {
        return role;
    }

    /** The pair data goes over, if any. */
    public Optional<RTCIceCandidatePair> selectedPair() {
        return Optional.ofNullable(selected).map(CandidatePair::toRtc);
    }

    /** The remote candidates of the current session, peer-reflexive ones learned from checks included. */
    public List<RTCIceCandidate> remoteCandidates() {
        return remoteCandidates.stream().map(r -> r.candidate).toList();
    }

    /** Our current credentials, or null before {@link #setLocalParameters}. */
    public RTCIceParameters localParameters() {
        return localParameters;
    }

    /** The peer's current credentials, or null before {@link #start}. */
    public RTCIceParameters remoteParameters() {
        return remoteParameters;
    }

    /** Our ICE-CONTROLLING/ICE-CONTROLLED tie-breaker (RFC 8445 §7.1.3). */
    public long tieBreaker() {
        return tieBreaker;
    }

    /** A snapshot of the counters. */
    public IceAgentStats stats() {
        return new IceAgentStats(checksSent, checksReceived, successResponsesReceived, errorResponsesReceived,
                checkTimeouts, responsesSent, errorResponsesSent, nonSymmetricResponses, malformedDropped,
                badFingerprintDropped, badIntegrityDropped, unknownUfragDropped,
                transactions.unmatchedResponses() + transactions.duplicateResponses(), unexpectedStunDropped,
                unknownSourceDataDropped, roleConflicts, tcpCandidatesIgnored, unusableCandidatesIgnored,
                pairsDroppedByLimit, consentRequestsSent, consentResponsesReceived, dataDroppedNoPair);
    }

    // ---------------------------------------------------------------------------------------
    // Check lists (RFC 8445 §6.1.2)

    private void formAllPairs() {
        for (RemoteCandidate remote : remoteCandidates) {
            for (LocalCandidate local : localCandidates) {
                formPair(local, remote);
            }
        }
    }

    /**
     * RFC 8445 §6.1.2.2: "the agent pairs each local candidate with each remote candidate such
     * that the local and remote candidates have the same component ID, the same transport
     * protocol, and the same IP address family"; §6.1.2.4 prunes redundant pairs.
     */
    private void formPair(LocalCandidate local, RemoteCandidate remote) {
        RTCIceCandidate lc = local.candidate();
        if (lc.componentId() != remote.candidate.componentId()) {
            return;
        }
        // RFC 8445 §7.2.5.3.1: a local peer-reflexive candidate "MUST NOT be paired with any
        // remote candidates"; it only names a valid pair.
        if (lc.type() == RTCIceCandidateType.PRFLX) {
            return;
        }
        InetSocketAddress baseAddress = local.base().address();
        if (baseAddress == null || (baseAddress.getAddress() instanceof Inet4Address)
                != (remote.address.getAddress() instanceof Inet4Address)) {
            return;
        }
        // RFC 8445 §6.1.2.4: "For each pair where the local candidate is reflexive, the candidate
        // MUST be replaced by its base."
        LocalCandidate effective = local;
        if (lc.type() == RTCIceCandidateType.SRFLX) {
            LocalCandidate host = hostOf(local.base());
            if (host != null) {
                effective = host;
            }
        }
        CandidatePair pair = new CandidatePair(effective, remote.candidate, remote.address, true);
        pair.computePriority(role);
        // RFC 8445 §6.1.2.4: "The agent prunes each checklist ... by removing a candidate pair if
        // it is redundant with a higher-priority candidate pair in the same checklist. Two
        // candidate pairs are redundant if their local candidates have the same base and their
        // remote candidates are identical."
        for (CandidatePair existing : checkList) {
            if (existing.matches(effective.base(), remote.address)) {
                if (existing.priority() < pair.priority() && (existing.state() == CandidatePairState.FROZEN
                        || existing.state() == CandidatePairState.WAITING)) {
                    existing.local(effective);
                    existing.computePriority(role);
                }
                return;
            }
        }
        if (!makeRoom(pair)) {
            return;
        }
        // RFC 8445 §6.1.2.6: for each foundation, one pair is Waiting and the others Frozen;
        // Trickle ICE (RFC 8838) applies the same rule to pairs formed as candidates trickle in.
        boolean foundationBusy = checkList.stream().anyMatch(p -> p.foundation().equals(pair.foundation())
                && (p.state() == CandidatePairState.WAITING || p.state() == CandidatePairState.IN_PROGRESS));
        pair.state(foundationBusy ? CandidatePairState.FROZEN : CandidatePairState.WAITING);
        checkList.add(pair);
    }

    /**
     * RFC 8445 §6.1.2.5: "If the number of candidate pairs in a checklist exceeds the
     * limit, the agent MUST remove the lower-priority pairs". Only pairs not yet checked go.
     */
    private boolean makeRoom(CandidatePair newcomer) {
        if (checkList.size() < config.maxCheckListSize()) {
            return true;
        }
        CandidatePair lowest = checkList.stream()
                .filter(p -> p.state() == CandidatePairState.FROZEN || p.state() == CandidatePairState.WAITING)
                .min(Comparator.comparingLong(CandidatePair::priority)).orElse(null);
        pairsDroppedByLimit++;
        if (lowest == null || lowest.priority() >= newcomer.priority()) {
            return false;
        }
        checkList.remove(lowest);
        triggered.remove(lowest);
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // Pacing (RFC 8445 §6.1.4)

    /** Starts the pacer if it is idle; the first check goes out at once. */
    private void kick() {
        if (pacer != null || !started || stopped) {
            return;
        }
        long delay = anyCheckSent ? Math.max(0, lastCheckAt + config.ta().toNanos() - scheduler.nanoTime()) : 0;
        pacer = scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    }

    /**
     * RFC 8445 §6.1.4.2: "When the timer fires and there is a triggered check in the queue, the
     * agent removes the top pair from the queue, performs a connectivity check on that pair ...
     * If there is no pair in the triggered-check queue, ... the agent picks the highest-priority
     * candidate pair in the Waiting state ... If there is no candidate pair in the Waiting state,
     * and if there are one or more pairs in the Frozen state, the agent checks the
     * highest-priority pair in the Frozen state".
     */
    private void tick() {
        pacer = null;
        if (stopped || !started) {
            return;
        }
        CandidatePair next = nextPairToCheck();
        if (next == null) {
            return;
        }
        startCheck(next, next.nominating()
                || (role == RTCIceRole.CONTROLLING && config.nomination() == NominationMode.AGGRESSIVE));
        anyCheckSent = true;
        lastCheckAt = scheduler.nanoTime();
        pacer = scheduler.schedule(this::tick, config.ta().toNanos(), TimeUnit.NANOSECONDS);
    }

    private CandidatePair nextPairToCheck() {
        while (!triggered.isEmpty()) {
            CandidatePair pair = triggered.poll();
            if (pair.state() == CandidatePairState.IN_PROGRESS
                    || (pair.state() == CandidatePairState.SUCCEEDED && !pair.nominating())) {
                continue;
            }
            return pair;
        }
        Optional<CandidatePair> waiting = highest(CandidatePairState.WAITING);
        if (waiting.isPresent()) {
            return waiting.get();
        }
        return highest(CandidatePairState.FROZEN).orElse(null);
    }

    private Optional<CandidatePair> highest(CandidatePairState wanted) {
        return checkList.stream().filter(p -> p.state() == wanted).max(Comparator.comparingLong(CandidatePair::priority));
    }

    /**
     * RFC 8445 §14.3: "RTO = MAX (500ms, Ta * (Num-Waiting + Num-In-Progress))", with the floor
     * configurable.
     */
    private StunRetransmission checkTiming() {
        long active = checkList.stream().filter(p -> p.state() == CandidatePairState.WAITING
                || p.state() == CandidatePairState.IN_PROGRESS).count();
        Duration rto = config.ta().multipliedBy(Math.max(1, active));
        if (rto.compareTo(config.checkRto()) < 0) {
            rto = config.checkRto();
        }
        return new StunRetransmission(rto, config.checkTransmissions(), config.checkFinalWait(), false,
                StunRetransmission.DEFAULT_TI);
    }

    // ---------------------------------------------------------------------------------------
    // Sending checks (RFC 8445 §7.2.4, §7.1) and their outcome (§7.2.5)

    private StunMessage bindingRequest(CandidatePair pair, boolean useCandidate) {
        StunMessage.Builder builder = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST)
                // RFC 8445 §7.2.2: "the username for the credential is formed by concatenating the
                // username fragment provided by the peer with the username fragment of the ICE
                // agent sending the request, separated by a colon".
                .attribute(new UsernameAttribute(remoteParameters.usernameFragment() + ':'
                        + localParameters.usernameFragment()))
                // RFC 8445 §7.1.1: "The PRIORITY attribute MUST be included ... set equal to the
                // priority that would be assigned ... to a peer-reflexive candidate".
                .attribute(new PriorityAttribute(peerReflexivePriority(pair.local())))
                // RFC 8445 §7.1.3: "The controlling agent MUST include the ICE-CONTROLLING
                // attribute ... The controlled agent MUST include the ICE-CONTROLLED attribute".
                .attribute(role == RTCIceRole.CONTROLLING ? new IceControllingAttribute(tieBreaker)
                        : new IceControlledAttribute(tieBreaker));
        if (useCandidate) {
            // RFC 8445 §7.1.2: "the controlling agent MUST include the USE-CANDIDATE attribute".
            builder.attribute(new UseCandidateAttribute());
        }
        // RFC 8445 §7.2.2: "the password is equal to the password provided by the peer";
        // §7.2: "the FINGERPRINT mechanism MUST be used".
        return builder.messageIntegrity(remoteKey).fingerprint().build();
    }

    /** RFC 8445 §7.1.1 with §5.1.2.1: the type preference of peer-reflexive, our local preference and component. */
    private static long peerReflexivePriority(LocalCandidate local) {
        RTCIceCandidate c = local.candidate();
        int localPreference = (int) ((c.priority() >> 8) & 0xFFFF);
        return RTCIceCandidate.computePriority(RTCIceCandidateType.PRFLX.recommendedTypePreference(), localPreference,
                c.componentId());
    }

    private void startCheck(CandidatePair pair, boolean useCandidate) {
        int generation = pair.nextGeneration();
        int checkEpoch = epoch;
        RTCIceRole sentRole = role;
        pair.state(CandidatePairState.IN_PROGRESS);
        StunMessage request = bindingRequest(pair, useCandidate);
        long sentPriority = peerReflexivePriority(pair.local());
        MessageIntegrityKey key = remoteKey;
        CandidateBase base = pair.base();
        InetSocketAddress to = pair.remoteAddress();
        checksSent++;
        transactions.start(request, m -> sendStun(base, m, to), checkTiming(), response -> acceptResponse(response, key))
                .whenComplete((response, failure) -> {
                    if (stopped || checkEpoch != epoch) {
                        return;
                    }
                    if (failure != null) {
                        // A check superseded by a newer one of the same pair (RFC 8445 §7.3.1.4)
                        // does not fail the pair; the newer one decides.
                        if (generation == pair.generation()) {
                            onCheckFailure(pair, failure);
                        }
                    } else {
                        // A response to a superseded check still proves the path: RFC 8445
                        // §7.3.1.4 has the agent "wait the duration of the transaction timeout
                        // for a response" to it.
                        onCheckResponse(pair, sentRole, useCandidate, sentPriority, base, to, response);
                    }
                });
    }

    /**
     * RFC 8489 §9.1.4 as RFC 8445 §7.2.5 uses it: a response is authenticated with the password
     * the request used; one that fails is discarded as if never received. Error responses 400
     * and 401 carry no MESSAGE-INTEGRITY (the peer could not check ours).
     */
    private boolean acceptResponse(StunMessage response, MessageIntegrityKey key) {
        if (response.hasIntegrity()) {
            if (!response.verifyIntegrity(key)) {
                badIntegrityDropped++;
                return false;
            }
            return true;
        }
        if (response.type().messageClass() == StunMessageClass.ERROR_RESPONSE) {
            int code = response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(0);
            return code == ErrorCodeAttribute.BAD_REQUEST || code == ErrorCodeAttribute.UNAUTHENTICATED;
        }
        badIntegrityDropped++;
        return false;
    }

    private void onCheckFailure(CandidatePair pair, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            return;
        }
        if (cause instanceof TimeoutException) {
            checkTimeouts++;
        }
        // A valid pair whose nomination got no answer is nominated again once before another
        // pair is: the peer has most likely seen USE-CANDIDATE already and selected the pair, and
        // nominating a different one would leave the two sides on different pairs.
        if (pair.nominating() && pair.valid() && pair.nominationAttempts() < MAX_NOMINATION_ATTEMPTS - 1) {
            pair.nominationFailed();
            pair.state(CandidatePairState.SUCCEEDED);
            triggered.remove(pair);
            triggered.addFirst(pair);
            kick();
            return;
        }
        // RFC 8445 §7.2.5.4 (in substance): a check that got no response fails its pair.
        failPair(pair);
    }

    private void failPair(CandidatePair pair) {
        pair.state(CandidatePairState.FAILED);
        if (pair.nominating()) {
            pair.nominating(false);
            // The pair picked for nomination did not answer: it is not valid any more, so that
            // another is nominated. A selected pair is left to consent (RFC 7675) to judge.
            if (pair != selected) {
                pair.valid(false);
            }
        }
        maybeNominate();
        updateState();
    }

    private void onCheckResponse(CandidatePair pair, RTCIceRole sentRole, boolean useCandidate, long sentPriority,
            CandidateBase base, InetSocketAddress to, StunMessage response) {
        if (response.type().messageClass() == StunMessageClass.ERROR_RESPONSE) {
            errorResponsesReceived++;
            int code = response.attribute(ErrorCodeAttribute.class).map(ErrorCodeAttribute::code).orElse(0);
            if (code == ErrorCodeAttribute.ROLE_CONFLICT) {
                // RFC 8445 §7.2.5.1: "If the request had contained the ICE-CONTROLLED attribute,
                // the agent MUST switch to the controlling role if it has not already done so. If
                // the request had contained the ICE-CONTROLLING attribute, the agent MUST switch
                // to the controlled role if it has not already done so. Once it has switched,
                // the agent MUST enqueue the candidate pair whose check generated the 487 into
                // the triggered-check queue. The state of that pair is set to Waiting."
                roleConflicts++;
                if (role == sentRole) {
                    switchRole(sentRole == RTCIceRole.CONTROLLING ? RTCIceRole.CONTROLLED : RTCIceRole.CONTROLLING);
                }
                pair.state(CandidatePairState.WAITING);
                triggered.addFirst(pair);
                kick();
                return;
            }
            // RFC 8445 §7.2.5.2.4: other errors are unrecoverable: "the agent MUST set the
            // candidate pair state to Failed".
            failPair(pair);
            return;
        }
        successResponsesReceived++;
        // RFC 8445 §7.2.5.2.1: "The ICE agent MUST check that the source and destination
        // transport addresses in the Binding request and response are symmetric ... If the
        // addresses are not symmetric, the agent MUST set the candidate pair state to Failed."
        if (responseBase != base || !to.equals(responseFrom)) {
            nonSymmetricResponses++;
            failPair(pair);
            return;
        }
        InetSocketAddress mapped = response.attribute(XorMappedAddressAttribute.class)
                .map(XorMappedAddressAttribute::address)
                .or(() -> response.attribute(MappedAddressAttribute.class).map(MappedAddressAttribute::address))
                .orElse(null);
        if (mapped == null) {
            malformedDropped++;
            failPair(pair);
            return;
        }
        if (selected != null && selected.matches(base, to)) {
            consentGranted();
        }
        CandidatePair validPair = validPairFor(pair, mapped, sentPriority);
        pair.state(CandidatePairState.SUCCEEDED);
        pair.validPair(validPair);
        validPair.valid(true);
        if (firstValidAt < 0) {
            firstValidAt = scheduler.nanoTime();
        }
        // RFC 8445 §7.2.5.3.3: "The agent MUST set the states for all other Frozen candidate
        // pairs in all checklists with the same foundation to Waiting."
        for (CandidatePair other : checkList) {
            if (other.state() == CandidatePairState.FROZEN && other.foundation().equals(pair.foundation())) {
                other.state(CandidatePairState.WAITING);
            }
        }
        // RFC 8445 §7.2.5.3.4: "If the controlling agent sends a Binding request with the
        // USE-CANDIDATE attribute set, and if the ICE agent receives a successful response to
        // the request, the agent sets the nominated flag of the pair to true." For the controlled
        // agent, §7.3.1.5: a pair nominated while its check was under way is nominated when the
        // check succeeds.
        if (useCandidate && sentRole == RTCIceRole.CONTROLLING) {
            validPair.nominated(true);
            nominatedThisEpoch = validPair;
        }
        if (pair.nominating()) {
            pair.nominating(false);
            validPair.nominating(false);
        }
        if (role == RTCIceRole.CONTROLLED && pair.nominateOnSuccess()) {
            validPair.nominated(true);
        }
        kick();
        maybeNominate();
        updateSelection();
        updateState();
    }

    /**
     * RFC 8445 §7.2.5.3.1 and §7.2.5.3.2: the mapped address names the local candidate of the
     * valid pair; one that is no known local candidate is a new local peer-reflexive candidate
     * "whose base is the same as the base of the local candidate of the candidate pair", with
     * "the priority value of the PRIORITY attribute in the Binding request".
     */
    private CandidatePair validPairFor(CandidatePair pair, InetSocketAddress mapped, long sentPriority) {
        if (addressOf(pair.local().candidate()).equals(mapped)) {
            return pair;
        }
        LocalCandidate local = null;
        for (LocalCandidate known : localCandidates) {
            if (known.base() == pair.base() && addressOf(known.candidate()).equals(mapped)) {
                local = known;
                break;
            }
        }
        if (local == null) {
            RTCIceCandidate prflx = RTCIceCandidate.newBuilder()
                    .foundation(randomFoundation())
                    .componentId(pair.local().candidate().componentId())
                    .protocol(RTCIceProtocol.UDP)
                    .priority(sentPriority)
                    .address(mapped.getAddress().getHostAddress())
                    .port(mapped.getPort())
                    .type(RTCIceCandidateType.PRFLX)
                    .relatedAddress(pair.base().address().getAddress().getHostAddress())
                    .relatedPort(pair.base().address().getPort())
                    .build();
            local = new LocalCandidate(prflx, pair.base());
            localCandidates.add(local);
            listener.onLocalCandidate(local);
        }
        for (CandidatePair candidate : allPairs().toList()) {
            if (candidate.local() == local && candidate.remoteAddress().equals(pair.remoteAddress())) {
                return candidate;
            }
        }
        // RFC 8445 §7.2.5.3.2: "the valid pair ... may not be in any checklist"; it is added
        // to the valid list only.
        CandidatePair valid = new CandidatePair(local, pair.remote(), pair.remoteAddress(), false);
        valid.computePriority(role);
        valid.state(CandidatePairState.SUCCEEDED);
        validOnly.add(valid);
        return valid;
    }

    // ---------------------------------------------------------------------------------------
    // Nomination (RFC 8445 §8.1) and selection

    /**
     * RFC 8445 §8.1.1: "Once the controlling agent has picked a valid pair for nomination, it
     * repeats the connectivity check that produced this valid pair ... this time with the
     * USE-CANDIDATE attribute." The best valid pair is nominated once no higher-priority pair is
     * still waiting or being checked, or {@link IceAgentConfig#nominationDelay()} after the
     * first valid pair.
     */
    private void maybeNominate() {
        if (role != RTCIceRole.CONTROLLING || config.nomination() != NominationMode.REGULAR || stopped) {
            return;
        }
        if (nominatedThisEpoch != null || allPairs().anyMatch(CandidatePair::nominating)) {
            return;
        }
        CandidatePair best = allPairs().filter(CandidatePair::valid)
                .max(Comparator.comparingLong(CandidatePair::priority)).orElse(null);
        if (best == null) {
            return;
        }
        boolean betterPending = checkList.stream().anyMatch(p -> p.priority() > best.priority()
                && (p.state() == CandidatePairState.FROZEN || p.state() == CandidatePairState.WAITING
                        || p.state() == CandidatePairState.IN_PROGRESS));
        long waited = scheduler.nanoTime() - firstValidAt;
        if (betterPending && waited < config.nominationDelay().toNanos()) {
            if (nominationTimer == null) {
                nominationTimer = scheduler.schedule(() -> {
                    nominationTimer = null;
                    maybeNominate();
                }, config.nominationDelay().toNanos() - waited, TimeUnit.NANOSECONDS);
            }
            return;
        }
        best.nominating(true);
        triggered.remove(best);
        triggered.addFirst(best);
        kick();
    }

    /**
     * Selects the pair data goes over: the best nominated valid pair of the current session (for
     * the controlled agent, the peer's choice), or, until there is one, the best valid pair.
     * RFC 8445 §12.1: "An ICE agent MAY send data on any valid pair before selected pairs have
     * been produced for the data stream. Once selected pairs have been produced for a data
     * stream, an agent MUST send data on those pairs only." Sending before nomination is what
     * makes a transport usable one round trip after start instead of a pacing slot later, and
     * what W3C "connected" means: "found a usable connection ... but is still checking".
     */
    private void updateSelection() {
        Comparator<CandidatePair> byPriority = Comparator.comparingLong(CandidatePair::priority);
        CandidatePair best = allPairs().filter(p -> p.valid() && p.nominated()).max(byPriority).orElse(null);
        if (best == null) {
            if (selected != null && selected.nominated() && !restarting) {
                return;
            }
            best = allPairs().filter(CandidatePair::valid).max(byPriority).orElse(null);
        }
        if (best == null || best == selected) {
            return;
        }
        selected = best;
        restarting = false;
        consentLost = false;
        disconnected = false;
        consentGranted();
        scheduleConsent();
        listener.onSelectedPairChange(best.toRtc());
    }

    private void switchRole(RTCIceRole newRole) {
        role = newRole;
        for (CandidatePair pair : allPairs().toList()) {
            pair.computePriority(role);
            pair.nominating(false);
        }
        listener.onRoleChange(newRole);
        maybeNominate();
    }

    // ---------------------------------------------------------------------------------------
    // Incoming STUN (RFC 8445 §7.3)

    private void handleStun(CandidateBase base, InetSocketAddress from, StunMessage message) {
        // RFC 8445 §7.3 with RFC 8489 §7.3: a FINGERPRINT that does not match means the message
        // is not STUN for us; it is discarded silently.
        if (message.attribute(FingerprintAttribute.class).isPresent() && !message.verifyFingerprint()) {
            badFingerprintDropped++;
            return;
        }
        StunMessageClass messageClass = message.type().messageClass();
        if (!message.type().method().equals(StunMethod.BINDING)) {
            unexpectedStunDropped++;
            return;
        }
        switch (messageClass) {
            case REQUEST -> handleRequest(base, from, message);
            case SUCCESS_RESPONSE, ERROR_RESPONSE -> {
                responseBase = base;
                responseFrom = from;
                try {
                    transactions.handleResponse(message);
                } finally {
                    responseBase = null;
                    responseFrom = null;
                }
            }
            // RFC 8445 §11: Binding indications are keepalives; "no response" is needed.
            case INDICATION -> { }
            default -> unexpectedStunDropped++;
        }
    }

    private void handleRequest(CandidateBase base, InetSocketAddress from, StunMessage request) {
        Optional<UsernameAttribute> username = request.attribute(UsernameAttribute.class);
        // RFC 8489 §9.1.3: "If the message does not contain both a MESSAGE-INTEGRITY and a
        // USERNAME attribute: ... the server MUST reject the request with an error response.
        // This response MUST use an error code of 400 (Bad Request)." RFC 8445 §7.3 requires
        // PRIORITY as well.
        if (username.isEmpty() || !request.hasIntegrity() || request.attribute(PriorityAttribute.class).isEmpty()) {
            malformedDropped++;
            sendError(base, from, request, ErrorCodeAttribute.BAD_REQUEST, "Bad Request", false);
            return;
        }
        // RFC 8445 §7.3: "the agent ... MUST check the USERNAME ... the username fragment before
        // the colon is the agent's own"; RFC 8489 §9.1.3: an unknown username or a failed
        // MESSAGE-INTEGRITY gets 401 (Unauthenticated).
        if (localParameters == null || !username.get().username().startsWith(localParameters.usernameFragment() + ':')) {
            unknownUfragDropped++;
            sendError(base, from, request, ErrorCodeAttribute.UNAUTHENTICATED, "Unauthenticated", false);
            return;
        }
        if (!request.verifyIntegrity(localKey)) {
            badIntegrityDropped++;
            sendError(base, from, request, ErrorCodeAttribute.UNAUTHENTICATED, "Unauthenticated", false);
            return;
        }
        // RFC 8489 §6.3.1: "If the request contains one or more unknown comprehension-required
        // attributes, the server replies with an error response with an error code of 420
        // (Unknown Attribute) and includes an UNKNOWN-ATTRIBUTES attribute".
        List<StunAttributeType> unknown = request.unknownComprehensionRequiredTypes();
        if (!unknown.isEmpty()) {
            unexpectedStunDropped++;
            errorResponsesSent++;
            sendStun(base, StunMessage.newBuilder(StunMessageType.BINDING_ERROR_RESPONSE)
                    .transactionId(request.transactionId())
                    .attribute(new ErrorCodeAttribute(ErrorCodeAttribute.UNKNOWN_ATTRIBUTE, "Unknown Attribute"))
                    .attribute(new UnknownAttributesAttribute(unknown))
                    .messageIntegrity(localKey)
                    .fingerprint()
                    .build(), from);
            return;
        }
        checksReceived++;
        if (role != RTCIceRole.UNKNOWN && resolveRoleConflict(base, from, request)) {
            return;
        }
        // RFC 8445 §7.3.1.2: "the agent MUST ... send a success response ... with the
        // XOR-MAPPED-ADDRESS attribute ... set to the source transport address of the request",
        // authenticated with "the same password", and with a FINGERPRINT.
        StunMessage response = StunMessage.newBuilder(StunMessageType.BINDING_SUCCESS_RESPONSE)
                .transactionId(request.transactionId())
                .attribute(new XorMappedAddressAttribute(from))
                .messageIntegrity(localKey)
                .fingerprint()
                .build();
        responsesSent++;
        sendStun(base, response, from);

        rememberAuthenticatedSource(base, from);
        heardFrom(base, from);
        long priority = request.attribute(PriorityAttribute.class).get().priority();
        RemoteCandidate remote = learnRemote(base, from, priority);
        if (!started || remote == null) {
            return;
        }
        CandidatePair pair = triggeredCheck(base, remote);
        // RFC 8445 §7.3.1.5: "If the controlled agent receives a Binding request with the
        // USE-CANDIDATE attribute set, and if the ICE agent accepts the request, the following
        // actions occur: If the state of this pair is Succeeded, ... The agent sets the nominated
        // flag value of the valid pair to true. If the state of this pair is In-Progress, if its
        // check produces a successful result, the resulting valid pair has its nominated flag set
        // to true." A peer that nominates aggressively sends it on every check; both work here.
        if (pair != null && role == RTCIceRole.CONTROLLED && request.attribute(UseCandidateAttribute.class).isPresent()) {
            if (pair.state() == CandidatePairState.SUCCEEDED && pair.validPair() != null) {
                pair.validPair().nominated(true);
                updateSelection();
            } else {
                pair.nominateOnSuccess(true);
            }
        }
        updateState();
    }

    /**
     * RFC 8445 §7.3.1.1.
     *
     * @return whether the request was answered with 487 and needs no more handling
     */
    private boolean resolveRoleConflict(CandidateBase base, InetSocketAddress from, StunMessage request) {
        Optional<IceControllingAttribute> controlling = request.attribute(IceControllingAttribute.class);
        Optional<IceControlledAttribute> controlled = request.attribute(IceControlledAttribute.class);
        if (role == RTCIceRole.CONTROLLING && controlling.isPresent()) {
            roleConflicts++;
            // "If the agent's tiebreaker value is larger than or equal to the contents of the
            // ICE-CONTROLLING attribute, the agent generates a Binding error response and
            // includes an ERROR-CODE attribute with a value of 487 (Role Conflict) but retains
            // its role. If the agent's tiebreaker value is less than the contents of the
            // ICE-CONTROLLING attribute, the agent switches to the controlled role."
            if (Long.compareUnsigned(tieBreaker, controlling.get().tieBreaker()) >= 0) {
                sendError(base, from, request, ErrorCodeAttribute.ROLE_CONFLICT, "Role Conflict", true);
                return true;
            }
            switchRole(RTCIceRole.CONTROLLED);
        } else if (role == RTCIceRole.CONTROLLED && controlled.isPresent()) {
            roleConflicts++;
            // "If the agent's tiebreaker value is larger than or equal to the contents of the
            // ICE-CONTROLLED attribute, the agent switches to the controlling role. If the
            // agent's tiebreaker value is less than the contents of the ICE-CONTROLLED
            // attribute, the agent generates a Binding error response and includes an
            // ERROR-CODE attribute with a value of 487 (Role Conflict) but retains its role."
            if (Long.compareUnsigned(tieBreaker, controlled.get().tieBreaker()) >= 0) {
                switchRole(RTCIceRole.CONTROLLING);
            } else {
                sendError(base, from, request, ErrorCodeAttribute.ROLE_CONFLICT, "Role Conflict", true);
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 8445 §7.3.1.3: "If the source transport address of the request does not match any
     * existing remote candidates, it represents a new peer-reflexive remote candidate", with
     * "the priority ... from the PRIORITY attribute" and "a foundation ... arbitrary ... and
     * different from the foundations of all other remote candidates".
     */
    private RemoteCandidate learnRemote(CandidateBase base, InetSocketAddress from, long priority) {
        LocalCandidate local = localFor(base);
        int component = local != null ? local.candidate().componentId() : 1;
        RemoteCandidate known = findRemote(from, component);
        if (known != null) {
            return known;
        }
        RTCIceCandidate prflx = RTCIceCandidate.newBuilder()
                .foundation(randomFoundation())
                .componentId(component)
                .protocol(RTCIceProtocol.UDP)
                .priority(priority)
                .address(from.getAddress().getHostAddress())
                .port(from.getPort())
                .type(RTCIceCandidateType.PRFLX)
                .build();
        RemoteCandidate remote = new RemoteCandidate(prflx, from);
        remoteCandidates.add(remote);
        return remote;
    }

    /**
     * RFC 8445 §7.3.1.4: the pair of the candidate the request arrived on and its source; a new
     * one is added to the check list, and a check of it is queued unless it has succeeded or is
     * being checked.
     */
    private CandidatePair triggeredCheck(CandidateBase base, RemoteCandidate remote) {
        CandidatePair pair = null;
        for (CandidatePair p : checkList) {
            if (p.matches(base, remote.address)) {
                pair = p;
                break;
            }
        }
        if (pair == null) {
            LocalCandidate local = localFor(base);
            if (local == null) {
                return null;
            }
            // RFC 8445 §7.3.1.4: "If the pair is not already on the checklist: ... Its state is
            // set to Waiting. The pair is inserted into the checklist ... The pair is enqueued
            // into the triggered-check queue."
            CandidatePair fresh = new CandidatePair(local, remote.candidate, remote.address, true);
            fresh.computePriority(role);
            if (!makeRoom(fresh)) {
                return null;
            }
            fresh.state(CandidatePairState.WAITING);
            checkList.add(fresh);
            triggered.add(fresh);
            kick();
            return fresh;
        }
        switch (pair.state()) {
            // "If the state of that pair is Succeeded, nothing further is done."
            case SUCCEEDED -> { }
            // "If the state of the pair is In-Progress, the agent cancels the In-Progress
            // transaction ... In addition, the agent MUST enqueue the pair in the triggered
            // checklist ... and set the state of the pair to Waiting". The old transaction keeps
            // retransmitting here (a response to it still counts, its timeout does not), which
            // only helps on a lossy path. "If the state of the pair is Waiting, Frozen, or
            // Failed, the pair is enqueued into the triggered-check queue (if not already
            // present) ... set to Waiting".
            default -> {
                pair.state(CandidatePairState.WAITING);
                if (!triggered.contains(pair)) {
                    triggered.add(pair);
                }
                kick();
            }
        }
        return pair;
    }

    private void sendError(CandidateBase base, InetSocketAddress from, StunMessage request, int code, String reason,
            boolean authenticated) {
        StunMessage.Builder builder = StunMessage.newBuilder(StunMessageType.BINDING_ERROR_RESPONSE)
                .transactionId(request.transactionId())
                .attribute(new ErrorCodeAttribute(code, reason));
        if (authenticated) {
            builder.messageIntegrity(localKey);
        }
        errorResponsesSent++;
        sendStun(base, builder.fingerprint().build(), from);
    }

    private void sendStun(CandidateBase base, StunMessage message, InetSocketAddress to) {
        if (stopped || !base.isOpen()) {
            return;
        }
        byte[] bytes = message.encode();
        base.send(alloc.buffer(bytes.length).writeBytes(bytes), to);
    }

    // ---------------------------------------------------------------------------------------
    // Consent freshness (RFC 7675) and keepalives (RFC 8445 §11)

    /**
     * RFC 7675 §5.1: "the initial Consent timer ... randomized ... uniformly distributed between
     * 0.8 and 1.2 times the basic period". The consent requests are also the keepalives RFC 8445
     * §11 asks for on the selected pair.
     */
    private void scheduleConsent() {
        cancel(consentTimer);
        long basic = config.consentInterval().toNanos();
        long wait = (long) (basic * (0.8 + 0.4 * config.random().nextDouble()));
        consentTimer = scheduler.schedule(this::sendConsent, wait, TimeUnit.NANOSECONDS);
    }

    private void sendConsent() {
        // Also called ahead of the periodic timer (a probe of a silent pair): that timer goes.
        cancel(consentTimer);
        consentTimer = null;
        CandidatePair pair = selected;
        if (stopped || pair == null || consentLost) {
            return;
        }
        // RFC 7675 §5.1: consent is "a STUN Binding request ... on the selected pair", with the
        // ICE credentials, "and the agent MUST include the ... MESSAGE-INTEGRITY".
        // The controlling agent keeps USE-CANDIDATE on its nominated pair, as libwebrtc does: a
        // controlled peer whose own check of that pair failed under loss learns the nomination
        // again from any consent request (RFC 8445 §7.3.1.5 applies to every accepted request).
        StunMessage request = bindingRequest(pair, role == RTCIceRole.CONTROLLING && pair.nominated());
        MessageIntegrityKey key = remoteKey;
        CandidateBase base = pair.base();
        InetSocketAddress to = pair.remoteAddress();
        consentRequestsSent++;
        if (firstUnansweredAt < 0) {
            firstUnansweredAt = scheduler.nanoTime();
        }
        StunRetransmission timing = new StunRetransmission(config.checkRto(), config.checkTransmissions(),
                config.checkFinalWait(), false, StunRetransmission.DEFAULT_TI);
        transactions.start(request, m -> sendStun(base, m, to), timing, response -> acceptResponse(response, key))
                .whenComplete((response, failure) -> {
                    if (stopped || failure != null || selected != pair) {
                        return;
                    }
                    // RFC 7675 §5.1: consent is obtained by "a successful response" whose source
                    // is the request's destination.
                    if (response.type().messageClass() == StunMessageClass.SUCCESS_RESPONSE
                            && responseBase == base && to.equals(responseFrom)) {
                        consentResponsesReceived++;
                        consentGranted();
                    }
                });
        armLiveness();
        scheduleConsent();
    }

    /** An authenticated success response arrived on the selected pair. */
    private void consentGranted() {
        lastConsentAt = scheduler.nanoTime();
        lastReceivedAt = lastConsentAt;
        firstUnansweredAt = -1;
        if (disconnected) {
            disconnected = false;
            updateState();
        }
        armLiveness();
    }

    /** The peer was heard from {@code from} on {@code base}: if that is the selected pair, it is receiving. */
    private void heardFrom(CandidateBase base, InetSocketAddress from) {
        CandidatePair pair = selected;
        if (pair != null && pair.matches(base, from)) {
            lastReceivedAt = scheduler.nanoTime();
        }
    }

    /**
     * How long the selected pair may be silent before a consent request goes out ahead of the
     * periodic one: half the disconnected timeout. A peer that vanishes is then seen as
     * disconnected at most 1.5 × {@code disconnectedTimeout} after it was last heard, whatever
     * the consent period; libwebrtc likewise pings a connection that is not receiving. A busy
     * pair (media, data channel traffic) sends no extra requests.
     */
    private long silenceBeforeProbe() {
        return config.disconnectedTimeout().toNanos() / 2;
    }

    /** Arms a timer for the next liveness deadline: a probe of a silent pair, disconnected, or consent expiry. */
    private void armLiveness() {
        cancel(livenessTimer);
        livenessTimer = null;
        if (selected == null || consentLost || stopped) {
            return;
        }
        long deadline = lastConsentAt + config.consentTimeout().toNanos();
        if (firstUnansweredAt >= 0 && !disconnected) {
            deadline = Math.min(deadline, firstUnansweredAt + config.disconnectedTimeout().toNanos());
        }
        if (firstUnansweredAt < 0 && !disconnected) {
            deadline = Math.min(deadline, lastReceivedAt + silenceBeforeProbe());
        }
        livenessTimer = scheduler.schedule(this::checkLiveness, Math.max(0, deadline - scheduler.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void checkLiveness() {
        livenessTimer = null;
        long now = scheduler.nanoTime();
        // RFC 7675 §5.1: "Consent expires after 30 seconds. That is, if a valid STUN binding
        // response corresponding to one of the STUN requests sent in the last 30 seconds has not
        // been received from the remote peer, the endpoint MUST cease transmission on that
        // 5-tuple."
        if (now - lastConsentAt >= config.consentTimeout().toNanos()) {
            consentLost = true;
            stopConsent();
            // Not only data: the consent requests still being retransmitted, and any checks,
            // stop too. The transport is failed; only an ICE restart starts checking again.
            transactions.cancelAll();
            cancel(pacer);
            pacer = null;
            cancel(nominationTimer);
            nominationTimer = null;
            triggered.clear();
            updateState();
            return;
        }
        if (firstUnansweredAt >= 0 && now - firstUnansweredAt >= config.disconnectedTimeout().toNanos()) {
            disconnected = true;
            updateState();
        }
        if (firstUnansweredAt < 0 && !disconnected && now - lastReceivedAt >= silenceBeforeProbe()) {
            // Nothing heard for a while and nothing asked: ask now (sendConsent re-arms the
            // liveness timer and restarts the consent period).
            sendConsent();
            return;
        }
        armLiveness();
    }

    private void stopConsent() {
        cancel(consentTimer);
        consentTimer = null;
        cancel(livenessTimer);
        livenessTimer = null;
    }

    // ---------------------------------------------------------------------------------------
    // State (W3C webrtc-pc §5.6 RTCIceTransportState)

    private void updateState() {
        RTCIceTransportState next = computeState();
        if (next == RTCIceTransportState.COMPLETED && state != RTCIceTransportState.CONNECTED
                && state != RTCIceTransportState.DISCONNECTED && state != RTCIceTransportState.COMPLETED) {
            // W3C §5.6: a transport reaches "completed" through "connected", as browsers report it.
            state = RTCIceTransportState.CONNECTED;
            listener.onStateChange(state);
        }
        if (next != state) {
            state = next;
            listener.onStateChange(next);
        }
    }

    private RTCIceTransportState computeState() {
        if (stopped) {
            return RTCIceTransportState.CLOSED;
        }
        // W3C: "failed: ... all candidate pairs have failed ... or consent checks [RFC7675] ...
        // have failed".
        if (consentLost) {
            return RTCIceTransportState.FAILED;
        }
        if (selected != null && !restarting) {
            if (disconnected) {
                return RTCIceTransportState.DISCONNECTED;
            }
            // W3C: "completed: The ICE agent has finished gathering candidates, has checked all
            // pairs against one another, and has found a connection". The controlling agent has
            // nominated; the controlled one follows its nomination. Before nomination the
            // selected pair is a valid one that data may use (§12.1): connected.
            boolean done = selected.nominated()
                    && (role == RTCIceRole.CONTROLLING ? localComplete && remoteComplete : remoteComplete);
            return done ? RTCIceTransportState.COMPLETED : RTCIceTransportState.CONNECTED;
        }
        if (!started) {
            return RTCIceTransportState.NEW;
        }
        boolean allFailed = checkList.stream().allMatch(p -> p.state() == CandidatePairState.FAILED)
                && allPairs().noneMatch(CandidatePair::valid);
        if (allFailed && localComplete && remoteComplete) {
            return RTCIceTransportState.FAILED;
        }
        if (restarting) {
            return RTCIceTransportState.CHECKING;
        }
        // W3C: "new: The ICE agent is gathering addresses or is waiting to be given remote
        // candidates"; "checking: The ICE agent has been given one or more remote candidates and
        // is checking pairs".
        return checkList.isEmpty() ? RTCIceTransportState.NEW : RTCIceTransportState.CHECKING;
    }

    // ---------------------------------------------------------------------------------------
    // Helpers

    private Stream<CandidatePair> allPairs() {
        return Stream.concat(checkList.stream(), validOnly.stream());
    }

    private boolean isKnownRemote(CandidateBase base, InetSocketAddress from) {
        if (selected != null && selected.matches(base, from)) {
            return true;
        }
        // Every junk datagram from an unknown address comes here: plain loops, no stream per datagram.
        for (int i = 0; i < checkList.size(); i++) {
            if (checkList.get(i).matches(base, from)) {
                return true;
            }
        }
        for (int i = 0; i < validOnly.size(); i++) {
            if (validOnly.get(i).matches(base, from)) {
                return true;
            }
        }
        for (int i = 0; i < authenticatedSources.size(); i++) {
            AuthenticatedSource source = authenticatedSources.get(i);
            if (source.base() == base && source.address().equals(from)) {
                return true;
            }
        }
        return false;
    }

    private void rememberAuthenticatedSource(CandidateBase base, InetSocketAddress from) {
        for (AuthenticatedSource source : authenticatedSources) {
            if (source.base() == base && source.address().equals(from)) {
                return;
            }
        }
        if (authenticatedSources.size() < MAX_AUTHENTICATED_SOURCES) {
            authenticatedSources.add(new AuthenticatedSource(base, from));
        }
    }

    private RemoteCandidate findRemote(InetSocketAddress address, int component) {
        for (RemoteCandidate remote : remoteCandidates) {
            if (remote.address.equals(address) && remote.candidate.componentId() == component) {
                return remote;
            }
        }
        return null;
    }

    /** The host candidate of a base, for §6.1.2.4's replacement of reflexive candidates. */
    private LocalCandidate hostOf(CandidateBase base) {
        for (LocalCandidate local : localCandidates) {
            if (local.base() == base && local.candidate().type() == RTCIceCandidateType.HOST) {
                return local;
            }
        }
        return null;
    }

    /** RFC 8445 §7.3.1.4: the local candidate "whose transport address ... is the one on which the request was received". */
    private LocalCandidate localFor(CandidateBase base) {
        LocalCandidate fallback = null;
        for (LocalCandidate local : localCandidates) {
            if (local.base() != base) {
                continue;
            }
            RTCIceCandidateType type = local.candidate().type();
            if (type == RTCIceCandidateType.HOST || type == RTCIceCandidateType.RELAY) {
                return local;
            }
            if (type == RTCIceCandidateType.SRFLX && fallback == null) {
                fallback = local;
            }
        }
        return fallback;
    }

    private String randomFoundation() {
        return Long.toHexString(config.random().nextLong() >>> 16);
    }

    private static InetSocketAddress addressOf(RTCIceCandidate candidate) {
        InetAddress ip = ipLiteral(candidate.address());
        return ip == null ? InetSocketAddress.createUnresolved(candidate.address(), candidate.port())
                : new InetSocketAddress(ip, candidate.port());
    }

    /** The address of an IP literal, without DNS; null for a name or a malformed literal. */
    static InetAddress ipLiteral(String address) {
        if (address == null) {
            return null;
        }
        try {
            if (IPV4_LITERAL.matcher(address).matches()) {
                // Built from bytes: InetAddress.getByName would resolve "999.1.1.1" through DNS.
                String[] parts = address.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // A string with a colon is parsed as an IPv6 literal, never looked up.
            if (IPV6_LITERAL.matcher(address).matches()) {
                return InetAddress.getByName(address);
            }
        } catch (UnknownHostException | SecurityException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void requireLoop() {
        if (!scheduler.inLoop()) {
            throw new IllegalStateException("IceAgent must be called on its scheduler's thread");
        }
    }

    private void requireNotStopped() {
        if (stopped) {
            throw new IllegalStateException("the agent is stopped");
        }
    }

    /** A remote candidate with its resolved address; a peer-reflexive one may be replaced by the signalled one. */
    private static final class RemoteCandidate {
        RTCIceCandidate candidate;
        final InetSocketAddress address;

        RemoteCandidate(RTCIceCandidate candidate, InetSocketAddress address) {
            this.candidate = candidate;
            this.address = address;
        }
    }
}
