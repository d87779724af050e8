package org.ortc4j.ice.internal.turn;

import java.net.InetSocketAddress;
import org.ortc4j.ice.net.Scheduler;

/**
 * The client's view of one channel binding (RFC 8656 §12): a channel number bound to one peer
 * transport address, whether the server confirmed it and until when.
 */
final class TurnChannel {

    enum State { BINDING, BOUND, FAILED }

    final int number;
    final InetSocketAddress peer;
    State state = State.BINDING;
    /** When the server's binding runs out, by the scheduler's clock; valid once bound. */
    long expiresAtNanos;
    /** Sent to or received from this peer since the last refresh. */
    boolean used = true;
    boolean requesting;
    Scheduler.Cancellable timer;
    boolean idle;

    TurnChannel(int number, InetSocketAddress peer) {
        this.number = number;
        this.peer = peer;
    }

    /** Whether ChannelData may be sent on it now. */
    boolean usable(long nowNanos) {
        return state == State.BOUND && nowNanos < expiresAtNanos;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
