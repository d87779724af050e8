package org.ortc4j.ice.internal.agent;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.ortc4j.ice.RTCIceCandidate;
import org.ortc4j.ice.RTCIceCandidatePair;
import org.ortc4j.ice.RTCIceRole;
import org.ortc4j.ice.internal.CandidateBase;
import org.ortc4j.ice.internal.LocalCandidate;

/**
 * One local and one remote candidate, with its check state (RFC 8445 §6.1.2). Checks go from the
 * local candidate's base to the remote candidate's address. Confined to the agent's loop.
 */
final class CandidatePair {

    private LocalCandidate local;
    private RTCIceCandidate remote;
    private final InetSocketAddress remoteAddress;
    private CandidatePairState state = CandidatePairState.FROZEN;
    private long priority;
    /** Whether the pair is in the check list (false for a valid pair built from a mapped address). */
    private final boolean inCheckList;
    /** The valid pair this pair's successful check produced (RFC 8445 §7.2.5.3.2). */
    private CandidatePair validPair;
    private boolean valid;
    private boolean nominated;
    /** RFC 8445 §7.3.1.5: the peer nominated this pair before its own check succeeded. */
    private boolean nominateOnSuccess;
    /** A check with USE-CANDIDATE is queued or in flight (controlling side). */
    private boolean nominating;
    private int generation;
    private int nominationAttempts;

    CandidatePair(LocalCandidate local, RTCIceCandidate remote, InetSocketAddress remoteAddress, boolean inCheckList) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.inCheckList = inCheckList;
    }

    LocalCandidate local() {
        return local;
    }

    /** Replaces the local candidate by one with the same base (RFC 8445 §6.1.2.4 pruning keeps the better). */
    void local(LocalCandidate local) {
        this.local = local;
    }

    RTCIceCandidate remote() {
        return remote;
    }

    /** Replaces a peer-reflexive remote candidate by the signalled one with the same address (Trickle ICE, RFC 8838, on receiving trickled candidates). */
    void remote(RTCIceCandidate remote) {
        this.remote = remote;
    }

    CandidateBase base() {
        return local.base();
    }

    InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    CandidatePairState state() {
        return state;
    }

    void state(CandidatePairState state) {
        this.state = state;
    }

    long priority() {
        return priority;
    }

    boolean inCheckList() {
        return inCheckList;
    }

    /** The pair's foundation: its local and remote candidates' foundations (RFC 8445 §6.1.2.6). */
    String foundation() {
        return local.candidate().foundation() + ':' + remote.foundation();
    }

    /**
     * RFC 8445 §6.1.2.3: "pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0)", G the
     * controlling agent's candidate priority and D the controlled agent's.
     */
    void computePriority(RTCIceRole role) {
        long localPriority = local.candidate().priority();
        long remotePriority = remote.priority();
        long g = role == RTCIceRole.CONTROLLING ? localPriority : remotePriority;
        long d = role == RTCIceRole.CONTROLLING ? remotePriority : localPriority;
        priority = (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }

    CandidatePair validPair() {
        return validPair;
    }

    void validPair(CandidatePair validPair) {
        this.validPair = validPair;
    }

    boolean valid() {
        return valid;
    }

    void valid(boolean valid) {
        this.valid = valid;
    }

    boolean nominated() {
        return nominated;
    }

    void nominated(boolean nominated) {
        this.nominated = nominated;
    }

    boolean nominateOnSuccess() {
        return nominateOnSuccess;
    }

    void nominateOnSuccess(boolean nominateOnSuccess) {
        this.nominateOnSuccess = nominateOnSuccess;
    }

    boolean nominating() {
        return nominating;
    }

    void nominating(boolean nominating) {
        this.nominating = nominating;
    }

    /** How many checks with USE-CANDIDATE this pair has failed. */
    int nominationAttempts() {
        return nominationAttempts;
    }

    void nominationFailed() {
        nominationAttempts++;
    }

    /** Bumped whenever a new check starts, so that a stale transaction's outcome is ignored. */
    int generation() {
        return generation;
    }

    int nextGeneration() {
        return ++generation;
    }

    /** Whether the pair sends from {@code base} to {@code address}. */
    boolean matches(CandidateBase base, InetSocketAddress address) {
        return local.base() == base && remoteAddress.equals(address);
    }

    RTCIceCandidatePair toRtc() {
        return new RTCIceCandidatePair(local.candidate(), remote);
    }

    @Override
    public String toString() {
        return "CandidatePair[" + local.candidate().type() + " " + local.base().address() + " -> " + remote.type() + " "
                + remoteAddress + ", " + state + (valid ? ", valid" : "") + (nominated ? ", nominated" : "") + "]";
    }
}
