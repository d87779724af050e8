package org.ortc4j.ice.internal;

import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.VirtualScheduler;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;

/**
 * The outstanding STUN client transactions of one endpoint, by transaction id: starts
 * transactions, hands each incoming response to the transaction it answers, and counts what it
 * drops. The number of outstanding transactions is bounded (ARCHITECTURE.md, Bad input:
 * "Resources are bounded").
 *
 * <p>RFC 8489 §6.3 (paraphrased): a response is matched to its request by transaction id, and
 * one that matches no outstanding transaction is discarded. A response for a transaction that finished recently (a second response to a retransmitted
 * request) is counted as a duplicate; any other unknown id as unmatched.
 *
 * <p>Confined to the scheduler's thread.
 */
public final class StunTransactions {

    /** The default bound on outstanding transactions. */
    public static final int DEFAULT_MAX_OUTSTANDING = 256;

    private final Scheduler scheduler;
    private final int maxOutstanding;
    private final Map<ByteBuffer, StunClientTransaction> outstanding = new HashMap<>();
    private final Map<ByteBuffer, Boolean> recentlyFinished;

    private long unmatchedResponses;
    private long duplicateResponses;
    private long rejectedResponses;
    private long refusedRequests;
    private long timeouts;

    public StunTransactions(Scheduler scheduler) {
        this(scheduler, DEFAULT_MAX_OUTSTANDING);
    }

    public StunTransactions(Scheduler scheduler, int maxOutstanding) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1: " + maxOutstanding);
        }
        this.maxOutstanding = maxOutstanding;
        int remembered = maxOutstanding;
        this.recentlyFinished = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** The scheduler the transactions run on. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** As {@link #start(StunMessage, Consumer, StunRetransmission, Predicate)}, accepting any response. */
    public CompletableFuture<StunMessage> start(StunMessage request, Consumer<StunMessage> send,
            StunRetransmission timing) {
        return start(request, send, timing, response -> true);
    }

    /**
     * Starts a transaction for {@code request}: sends it now and retransmits as {@code timing}
     * says. The future completes with the first response with the request's transaction id and
     * method that {@code acceptor} accepts; exceptionally with a {@link java.util.concurrent.TimeoutException}
     * on timeout, or with a {@link TooManyTransactionsException} at once, without sending, when
     * {@link #maxOutstanding()} transactions are outstanding or the id is already in use.
     * Cancelling the future stops retransmission.
     */
    public CompletableFuture<StunMessage> start(StunMessage request, Consumer<StunMessage> send,
            StunRetransmission timing, Predicate<StunMessage> acceptor) {
        Objects.requireNonNull(request, "request");
        if (request.type().messageClass() != StunMessageClass.REQUEST) {
            throw new IllegalArgumentException("not a request: " + request.type());
        }
        ByteBuffer id = key(request.transactionId());
        if (outstanding.size() >= maxOutstanding) {
            refusedRequests++;
            return CompletableFuture.failedFuture(new TooManyTransactionsException(
                    "already " + outstanding.size() + " outstanding STUN transactions"));
        }
        if (outstanding.containsKey(id)) {
            refusedRequests++;
            return CompletableFuture.failedFuture(new TooManyTransactionsException(
                    "transaction id already in use"));
        }
        // RFC 8489 §6.3: the response's method must be the request's; anything else is not an
        // answer to it.
        Predicate<StunMessage> check = response -> {
            if (!response.type().method().equals(request.type().method()) || !acceptor.test(response)) {
                rejectedResponses++;
                return false;
            }
            return true;
        };
        StunClientTransaction transaction = new StunClientTransaction(scheduler, request, send, timing, check);
        outstanding.put(id, transaction);
        transaction.response().whenComplete((response, failure) -> {
            if (outstanding.remove(id, transaction)) {
                recentlyFinished.put(id, Boolean.TRUE);
            }
            if (failure instanceof java.util.concurrent.TimeoutException) {
                timeouts++;
            }
        });
        transaction.start();
        return transaction.response();
    }

    /**
     * Hands an incoming message to the transaction it answers.
     *
     * @return whether it was a response that completed a transaction; {@code false} for
     *     requests and indications (not ours to handle) and for dropped responses, which are
     *     counted
     */
    public boolean handleResponse(StunMessage message) {
        Objects.requireNonNull(message, "message");
        if (!message.type().messageClass().isResponse()) {
            return false;
        }
        ByteBuffer id = key(message.transactionId());
        StunClientTransaction transaction = outstanding.get(id);
        if (transaction == null) {
            if (recentlyFinished.containsKey(id)) {
                duplicateResponses++;
            } else {
                unmatchedResponses++;
            }
            return false;
        }
        return transaction.offer(message);
    }

    /** Cancels every outstanding transaction (when the endpoint closes). */
    public void cancelAll() {
        for (StunClientTransaction transaction : outstanding.values().toArray(new StunClientTransaction[0])) {
            transaction.cancel();
        }
    }

    /** The bound on outstanding transactions. */
    public int maxOutstanding() {
        return maxOutstanding;
    }

    /** The number of transactions waiting for a response. */
    public int outstanding() {
        return outstanding.size();
    }

    /** Responses whose transaction id matched no outstanding or recent transaction. */
    public long unmatchedResponses() {
        return unmatchedResponses;
    }

    /** Responses for a transaction that had already completed. */
    public long duplicateResponses() {
        return duplicateResponses;
    }

    /** Responses that matched a transaction id but were refused (wrong method, failed integrity). */
    public long rejectedResponses() {
        return rejectedResponses;
    }

    /** Requests refused because the table was full or their id was in use. */
    public long refusedRequests() {
        return refusedRequests;
    }

    /** Transactions that timed out. */
    public long timeouts() {
        return timeouts;
    }

    private static ByteBuffer key(byte[] transactionId) {
        return ByteBuffer.wrap(transactionId.clone()).asReadOnlyBuffer();
    }

    /** A transaction was refused because too many are outstanding or its id is in use. */
    public static final class TooManyTransactionsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooManyTransactionsException(String message) {
            super(message);
        }
    }
}
