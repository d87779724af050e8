package org.ortc4j.ice.internal.turn;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.ortc4j.ice.net.Scheduler;

/**
 * The client's view of one permission (RFC 8656 §9): which peer IP, whether the server has
 * installed it and until when, whether it was used since the last refresh, and the datagrams
 * waiting for it.
 */
final class TurnPermission {

    enum State { CREATING, INSTALLED }

    /** A datagram waiting for the permission. */
    record Queued(ByteBuf data, InetSocketAddress peer) {
    }

    final InetAddress peer;
    final ArrayDeque<Queued> queue = new ArrayDeque<>();
    final CompletableFuture<Void> installed = new CompletableFuture<>();
    State state = State.CREATING;
    /** When the server's permission runs out, by the scheduler's clock; valid once installed. */
    long expiresAtNanos;
    /** Sent to or received from this peer since the last refresh. */
    boolean used = true;
    /** Whether a CreatePermission transaction is outstanding. */
    boolean requesting;
    /** The refresh tick or, when idle, the expiry. */
    Scheduler.Cancellable timer;
    /** Whether {@link #timer} is the expiry of an idle permission rather than a refresh tick. */
    boolean idle;

    TurnPermission(InetAddress peer) {
        this.peer = peer;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Releases every queued datagram; returns how many there were. */
    int dropQueue() {
        int dropped = queue.size();
        for (Queued queued : queue) {
            queued.data().release();
        }
        queue.clear();
        return dropped;
    }
}
