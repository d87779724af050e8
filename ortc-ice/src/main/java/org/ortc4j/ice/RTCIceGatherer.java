package org.ortc4j.ice;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.Listeners;
import org.ortc4j.ice.internal.LocalCandidate;
import org.ortc4j.ice.internal.PacketReceiver;
import org.ortc4j.ice.internal.gather.CandidateGathering;
import org.ortc4j.ice.net.NettyNetwork;
import org.ortc4j.ice.net.NetworkStack;
import org.ortc4j.ice.net.Scheduler;

/**
 * Gathers local ICE candidates and owns the sockets and TURN allocations they stand for (ORTC
 * §3 {@code RTCIceGatherer}; aiortc {@code RTCIceGatherer}).
 *
 * <pre>{@code
 * RTCIceGatherer gatherer = new RTCIceGatherer(RTCIceGatherOptions.newBuilder()
 *         .iceServers(new RTCIceServer("stun:stun.l.google.com:19302")).build());
 * gatherer.onLocalCandidate(candidate -> signaling.send(candidate.toCandidateString()));
 * gatherer.gather().join();            // completes when gathering is complete
 * RTCIceParameters mine = gatherer.getLocalParameters();
 * }</pre>
 *
 * <p>Candidates are emitted one by one as they are found (trickle ICE, RFC 8838 §4): host
 * candidates first, then server-reflexive and relayed ones as servers answer; the state moves to
 * {@link RTCIceGathererState#COMPLETE} after the last one, which is the end-of-candidates
 * indication. A server that cannot be used is reported through {@link #onError}, and gathering
 * goes on without it.
 *
 * <p>Threads: every method may be called from any thread; the work happens on the gatherer's
 * loop, where listeners are called too. Listeners must not block.
 */
public final class RTCIceGatherer implements AutoCloseable {

    private final NetworkStack stack;
    private final RTCIceGatherOptions options;
    private final CandidateGathering gathering;
    private final List<RTCIceCandidate> localCandidates = new CopyOnWriteArrayList<>();
    private final List<LocalCandidate> withBases = new CopyOnWriteArrayList<>();
    private final Listeners<RTCIceCandidate> candidateListeners = new Listeners<>();
    private final Listeners<RTCIceGathererState> stateListeners = new Listeners<>();
    private final Listeners<RTCIceGathererIceErrorEvent> errorListeners = new Listeners<>();
    private final Listeners<LocalCandidate> internalCandidateListeners = new Listeners<>();
    private final CompletableFuture<Void> complete = new CompletableFuture<>();

    private volatile RTCIceParameters localParameters = RTCIceParameters.generate();
    private volatile RTCIceGathererState state = RTCIceGathererState.NEW;
    private volatile PacketReceiver receiver;
    private long packetsWithoutTransport;

    /** A gatherer with the default options on a new stack of the shared Netty network. */
    public RTCIceGatherer() {
        this(RTCIceGatherOptions.defaults());
    }

    /** A gatherer with {@code options} on a new stack of the shared Netty network. */
    public RTCIceGatherer(RTCIceGatherOptions options) {
        this(options, NettyNetwork.shared().newStack());
    }

    /**
     * A gatherer on {@code stack}: real sockets ({@link NettyNetwork}) or a host of the virtual
     * network ({@code org.ortc4j.ice.vnet}). The stack's loop becomes the loop of everything
     * built on this gatherer.
     */
    public RTCIceGatherer(RTCIceGatherOptions options, NetworkStack stack) {
        this.options = Objects.requireNonNull(options, "options");
        this.stack = Objects.requireNonNull(stack, "stack");
        this.gathering = new CandidateGathering(stack, options, this::receive, new CandidateGathering.Sink() {
            @Override
            public void candidate(LocalCandidate candidate) {
                addLocalCandidate(candidate);
            }

            @Override
            public void error(RTCIceGathererIceErrorEvent error) {
                errorListeners.fire(error);
            }

            @Override
            public void complete() {
                if (state == RTCIceGathererState.GATHERING) {
                    setState(RTCIceGathererState.COMPLETE);
                }
                complete.complete(null);
            }
        });
    }

    /**
     * Starts gathering, if it has not started (ORTC §3.4 {@code gather}). The future completes
     * when gathering is complete (at once if it already is) and fails if the gatherer is closed
     * first.
     *
     * @throws InvalidStateException if the gatherer is closed
     */
    public CompletableFuture<Void> gather() {
        if (state == RTCIceGathererState.CLOSED) {
            throw new InvalidStateException("the RTCIceGatherer is closed");
        }
        onLoop(() -> {
            if (state == RTCIceGathererState.NEW) {
                setState(RTCIceGathererState.GATHERING);
                gathering.start(localParameters.usernameFragment());
            }
        });
        return complete.copy();
    }

    /** The ICE username fragment and password candidates are checked with (ORTC §3.4). */
    public RTCIceParameters getLocalParameters() {
        return localParameters;
    }

    /** The candidates gathered so far, in the order they were found (ORTC §3.4). */
    public List<RTCIceCandidate> getLocalCandidates() {
        return List.copyOf(localCandidates);
    }

    /** The gathering state (ORTC §3.4). */
    public RTCIceGathererState state() {
        return state;
    }

    /** This gatherer's component; with rtcp-mux, as WebRTC requires, always {@code rtp}. */
    public RTCIceComponent component() {
        return RTCIceComponent.RTP;
    }

    /** The options this gatherer was made with. */
    public RTCIceGatherOptions options() {
        return options;
    }

    /** The loop this gatherer and everything built on it run on. */
    public Scheduler scheduler() {
        return stack.scheduler();
    }

    /** The network stack this gatherer's sockets belong to. */
    public NetworkStack networkStack() {
        return stack;
    }

    /**
     * Calls {@code listener} with each local candidate as it is found (ORTC
     * {@code onlocalcandidate}); the change to {@link RTCIceGathererState#COMPLETE} that
     * {@link #onStateChange} reports is the end of candidates.
     */
    public AutoCloseable onLocalCandidate(Consumer<RTCIceCandidate> listener) {
        return candidateListeners.add(listener);
    }

    /** Calls {@code listener} with each new state (ORTC {@code onstatechange}). */
    public AutoCloseable onStateChange(Consumer<RTCIceGathererState> listener) {
        return stateListeners.add(listener);
    }

    /** Calls {@code listener} when a STUN or TURN server cannot be used (ORTC {@code onerror}). */
    public AutoCloseable onError(Consumer<RTCIceGathererIceErrorEvent> listener) {
        return errorListeners.add(listener);
    }

    /**
     * Releases every socket and TURN allocation (deleting the allocations on the servers) and
     * moves to {@link RTCIceGathererState#CLOSED} (ORTC §3.4 {@code close}). Idempotent.
     */
    @Override
    public void close() {
        onLoop(() -> {
            if (state == RTCIceGathererState.CLOSED) {
                return;
            }
            gathering.close();
            setState(RTCIceGathererState.CLOSED);
            complete.completeExceptionally(new InvalidStateException("the RTCIceGatherer was closed"));
            candidateListeners.clear();
            stateListeners.clear();
            errorListeners.clear();
            internalCandidateListeners.clear();
        });
    }

    // ---- what RTCIceTransport uses, on the loop ----

    /** The candidates found so far with their bases. */
    List<LocalCandidate> localCandidatesWithBases() {
        return List.copyOf(withBases);
    }

    /** Calls {@code listener} with each later candidate and its base. */
    AutoCloseable onLocalCandidateWithBase(Consumer<LocalCandidate> listener) {
        return internalCandidateListeners.add(listener);
    }

    /**
     * Where every datagram that arrives on this gatherer's bases goes from now on, save the
     * answers of its own STUN and TURN servers. Only one transport can use a gatherer.
     *
     * @throws InvalidStateException if another transport already uses it
     */
    synchronized void attach(PacketReceiver transport) {
        if (state == RTCIceGathererState.CLOSED) {
            throw new InvalidStateException("the RTCIceGatherer is closed");
        }
        if (receiver != null && receiver != transport) {
            throw new InvalidStateException("this RTCIceGatherer already serves another RTCIceTransport");
        }
        receiver = transport;
    }

    synchronized void detach(PacketReceiver transport) {
        if (receiver == transport) {
            receiver = null;
        }
    }

    /** Runs {@code work} on the loop and waits for it; its exception is thrown here. */
    private <T> T callOnLoop(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stack.scheduler().execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * Prepares an ICE restart (RFC 8445 §9; what a new ORTC gatherer or a W3C offer with
     * {@code iceRestart} gives): new local credentials for the same sockets, and every candidate
     * announced again through {@link #onLocalCandidate} with the new username fragment. Signal the
     * new parameters and candidates; the restart happens when the transport is started with the
     * peer's new parameters.
     *
     * @return the new local parameters
     * @throws InvalidStateException if the gatherer is closed
     */
    public RTCIceParameters restart() {
        if (state == RTCIceGathererState.CLOSED) {
            throw new InvalidStateException("the RTCIceGatherer is closed");
        }
        if (!stack.scheduler().inLoop()) {
            return callOnLoop(this::restart);
        }
        return renewCredentials(candidate -> true);
    }

    /**
     * New local parameters for the same sockets; the candidates {@code kept} are announced again
     * with the new username fragment, the others are forgotten.
     */
    private RTCIceParameters renewCredentials(Predicate<RTCIceCandidate> kept) {
        RTCIceParameters fresh = RTCIceParameters.generate();
        localParameters = fresh;
        localCandidates.clear();
        List<LocalCandidate> old = List.copyOf(withBases);
        withBases.clear();
        for (LocalCandidate candidate : old) {
            if (kept.test(candidate.candidate())) {
                addLocalCandidate(new LocalCandidate(candidate.candidate().toBuilder()
                        .usernameFragment(fresh.usernameFragment()).build(), candidate.base()));
            }
        }
        return fresh;
    }

    /**
     * Prepares an ICE restart that gathers from another list of STUN/TURN servers (W3C §4.4.1.6
     * "set a configuration": new ICE servers are used from the next gathering, which an ICE
     * restart starts; ORTC's gather takes its options the same way): new local parameters; the
     * host candidates are announced again with the new username fragment; server-reflexive and
     * relayed candidates are gathered anew from {@code iceServers} (those of the old servers are
     * not announced again; their TURN allocations live until {@link #close}). While that runs the
     * state is gathering, then complete again. Before {@link #gather} only the servers change.
     *
     * @return the new local parameters
     * @throws InvalidStateException if the gatherer is closed
     */
    public RTCIceParameters restart(List<RTCIceServer> iceServers) {
        List<RTCIceServer> servers = List.copyOf(Objects.requireNonNull(iceServers, "iceServers"));
        if (state == RTCIceGathererState.CLOSED) {
            throw new InvalidStateException("the RTCIceGatherer is closed");
        }
        if (!stack.scheduler().inLoop()) {
            return callOnLoop(() -> restart(servers));
        }
        RTCIceParameters fresh = renewCredentials(candidate -> candidate.type() == RTCIceCandidateType.HOST);
        if (state == RTCIceGathererState.COMPLETE) {
            setState(RTCIceGathererState.GATHERING);
        }
        gathering.restart(fresh.usernameFragment(), servers);
        return fresh;
    }

    /** Datagrams that arrived while no transport was attached, dropped. */
    public long packetsWithoutTransport() {
        return packetsWithoutTransport;
    }

    private void addLocalCandidate(LocalCandidate candidate) {
        withBases.add(candidate);
        localCandidates.add(candidate.candidate());
        internalCandidateListeners.fire(candidate);
        candidateListeners.fire(candidate.candidate());
    }

    private void receive(CandidateBase base, InetSocketAddress from, ByteBuf data) {
        PacketReceiver target = receiver;
        if (target == null) {
            packetsWithoutTransport++;
            data.release();
            return;
        }
        target.receive(base, from, data);
    }

    private void setState(RTCIceGathererState next) {
        state = next;
        stateListeners.fire(next);
    }

    private void onLoop(Runnable task) {
        Scheduler loop = stack.scheduler();
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
