package org.ortc4j.ice.internal;

import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.VirtualScheduler;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ortc4j.ice.stun.StunMessage;

/**
 * One STUN client transaction (RFC 8489 §6.2): sends a request, retransmits it over an
 * unreliable transport, and completes {@link #response()} with the first acceptable response
 * or, exceptionally, with a {@link TimeoutException}.
 *
 * <p>Confined to the scheduler's thread: create it, {@link #start()} it, hand it responses and
 * cancel it from that thread only. Completing or cancelling {@link #response()} from outside
 * stops retransmission.
 */
public final class StunClientTransaction {

    private final Scheduler scheduler;
    private final StunMessage request;
    private final Consumer<StunMessage> send;
    private final StunRetransmission timing;
    private final Predicate<StunMessage> acceptor;
    private final CompletableFuture<StunMessage> response = new CompletableFuture<>();

    private Scheduler.Cancellable timer;
    private long currentRtoNanos;
    private int transmissions;
    private boolean started;

    /**
     * @param send sends the request on the wire (called once per transmission)
     * @param acceptor decides whether a response that matches the transaction id is accepted;
     *     a rejected one is ignored as if never received (RFC 8489 §9.1.4, §9.2.5), and the
     *     transaction goes on
     */
    public StunClientTransaction(Scheduler scheduler, StunMessage request, Consumer<StunMessage> send,
            StunRetransmission timing, Predicate<StunMessage> acceptor) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.request = Objects.requireNonNull(request, "request");
        this.send = Objects.requireNonNull(send, "send");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        response.whenComplete((message, failure) -> stopTimer());
    }

    /** The request this transaction sends. */
    public StunMessage request() {
        return request;
    }

    /** Completes with the accepted response, or exceptionally on timeout or cancellation. */
    public CompletableFuture<StunMessage> response() {
        return response;
    }

    /** How many times the request has been sent so far. */
    public int transmissions() {
        return transmissions;
    }

    /** Sends the request for the first time and arms the timer. */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        if (response.isDone()) {
            return;
        }
        if (timing.reliable()) {
            // RFC 8489 §6.2.2 (paraphrased): over TCP and TLS there is no retransmission at the
            // STUN level; without a response after Ti the transaction has timed out.
            transmit();
            timer = scheduler.schedule(this::timeOut, timing.ti().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        // RFC 8489 §6.2.1 (as RFC 5389 §7.2.1): the client retransmits "starting with an
        // interval of RTO ("Retransmission TimeOut"), doubling after each retransmission", and
        // "Retransmissions continue until a response is received or until a total of Rc
        // requests have been sent."
        currentRtoNanos = timing.rto().toNanos();
        transmit();
        armUnreliableTimer();
    }

    private void armUnreliableTimer() {
        if (transmissions < timing.rc()) {
            long wait = currentRtoNanos;
            currentRtoNanos = saturatingDouble(currentRtoNanos);
            timer = scheduler.schedule(this::retransmit, wait, TimeUnit.NANOSECONDS);
        } else {
            // RFC 8489 §6.2.1: "If, after the last request, a duration equal to Rm times the RTO
            // has passed without a response (providing ample time to get a response if only this
            // final request actually succeeds), the client SHOULD consider the transaction to
            // have failed."
            long wait = saturatingMultiply(timing.rto().toNanos(), timing.rm());
            timer = scheduler.schedule(this::timeOut, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void retransmit() {
        timer = null;
        if (response.isDone()) {
            return;
        }
        transmit();
        armUnreliableTimer();
    }

    private void transmit() {
        transmissions++;
        send.accept(request);
    }

    private void timeOut() {
        timer = null;
        response.completeExceptionally(new TimeoutException("STUN transaction timed out after "
                + transmissions + " transmission(s): " + request.type()));
    }

    /**
     * Offers a response whose transaction id matches: completes the transaction if the acceptor
     * takes it.
     *
     * @return whether it was accepted
     */
    public boolean offer(StunMessage message) {
        if (response.isDone() || !acceptor.test(message)) {
            return false;
        }
        return response.complete(message);
    }

    /** Stops retransmission and completes {@link #response()} as cancelled. */
    public void cancel() {
        response.cancel(false);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private static long saturatingDouble(long value) {
        return value > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : value * 2;
    }

    private static long saturatingMultiply(long value, int factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
    }
}
