package org.ortc4j.ice.internal;

import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.VirtualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageClass;
import org.ortc4j.ice.stun.StunMessageType;
import org.ortc4j.ice.stun.StunMethod;

/** Matching responses to outstanding transactions by transaction id (RFC 8489 §6.3). */
class StunTransactionsTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final StunTransactions table = new StunTransactions(scheduler, 3);
    private final List<StunMessage> sent = new ArrayList<>();

    private static StunMessage request() {
        return StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build();
    }

    private static StunMessage responseTo(StunMessage request) {
        return StunMessage.newBuilder(StunMessageType.BINDING_SUCCESS_RESPONSE)
                .transactionId(request.transactionId()).build();
    }

    private CompletableFuture<StunMessage> start(StunMessage request) {
        return table.start(request, sent::add, StunRetransmission.UDP_DEFAULT);
    }

    @Test
    void eachResponseCompletesTheTransactionWithItsId() {
        StunMessage first = request();
        StunMessage second = request();
        CompletableFuture<StunMessage> a = start(first);
        CompletableFuture<StunMessage> b = start(second);

        assertThat(table.handleResponse(responseTo(second))).isTrue();

        assertThat(b).isCompletedWithValue(responseTo(second));
        assertThat(a).isNotDone();
        assertThat(table.outstanding()).isEqualTo(1);
        assertThat(table.handleResponse(responseTo(first))).isTrue();
        assertThat(a).isCompleted();
        assertThat(table.outstanding()).isZero();
    }

    @Test
    void responsesToNoTransactionAreDroppedAndCountedAsUnmatched() {
        CompletableFuture<StunMessage> a = start(request());

        assertThat(table.handleResponse(responseTo(request()))).isFalse();

        assertThat(table.unmatchedResponses()).isEqualTo(1);
        assertThat(table.duplicateResponses()).isZero();
        assertThat(a).isNotDone();
    }

    @Test
    void aSecondResponseToAFinishedTransactionIsCountedAsDuplicate() {
        StunMessage request = request();
        start(request);
        scheduler.advance(Duration.ofMillis(600)); // retransmitted: two responses may come back

        assertThat(table.handleResponse(responseTo(request))).isTrue();
        assertThat(table.handleResponse(responseTo(request))).isFalse();

        assertThat(table.duplicateResponses()).isEqualTo(1);
        assertThat(table.unmatchedResponses()).isZero();
    }

    @Test
    void aResponseWithTheRightIdButAnotherMethodIsRejected() {
        StunMessage request = request();
        CompletableFuture<StunMessage> a = start(request);
        StunMessage wrongMethod = StunMessage.newBuilder(
                StunMessageType.of(StunMethod.ALLOCATE, StunMessageClass.SUCCESS_RESPONSE))
                .transactionId(request.transactionId()).build();

        assertThat(table.handleResponse(wrongMethod)).isFalse();

        assertThat(table.rejectedResponses()).isEqualTo(1);
        assertThat(a).isNotDone();
    }

    @Test
    void requestsAndIndicationsAreNotResponses() {
        StunMessage request = request();
        start(request);

        assertThat(table.handleResponse(request)).isFalse();
        assertThat(table.unmatchedResponses()).isZero();
    }

    @Test
    void theNumberOfOutstandingTransactionsIsBounded() {
        start(request());
        start(request());
        start(request());

        CompletableFuture<StunMessage> fourth = start(request());

        assertThat(fourth).isCompletedExceptionally();
        assertThat(fourth.handle((m, e) -> e).join())
                .isInstanceOf(StunTransactions.TooManyTransactionsException.class);
        assertThat(sent).hasSize(3);
        assertThat(table.refusedRequests()).isEqualTo(1);
    }

    @Test
    void finishedTransactionsFreeTheirPlace() {
        StunMessage first = request();
        start(first);
        CompletableFuture<StunMessage> second = start(request());
        start(request());
        table.handleResponse(responseTo(first));
        second.cancel(false);

        assertThat(table.outstanding()).isEqualTo(1);
        assertThat(start(request())).isNotDone();
        assertThat(start(request())).isNotDone();
    }

    @Test
    void timedOutTransactionsLeaveTheTableAndAreCounted() {
        CompletableFuture<StunMessage> a = start(request());

        scheduler.advance(Duration.ofMillis(39_500));

        assertThat(a).isCompletedExceptionally();
        assertThat(table.outstanding()).isZero();
        assertThat(table.timeouts()).isEqualTo(1);
    }

    @Test
    void cancelAllStopsEveryTransaction() {
        CompletableFuture<StunMessage> a = start(request());
        CompletableFuture<StunMessage> b = start(request());

        table.cancelAll();

        assertThat(a).isCancelled();
        assertThat(b).isCancelled();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sent).hasSize(2);
    }
}
