package org.ortc4j.ice.internal;

import org.ortc4j.ice.net.Scheduler;
import org.ortc4j.ice.net.VirtualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.stun.StunMessage;
import org.ortc4j.ice.stun.StunMessageType;

/** RFC 8489 §6.2.1 and §6.2.2 retransmission timing, on virtual time. */
class StunClientTransactionTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<Long> sentAtMillis = new ArrayList<>();
    private final StunMessage request = StunMessage.newBuilder(StunMessageType.BINDING_REQUEST).build();

    private StunClientTransaction transaction(StunRetransmission timing) {
        return new StunClientTransaction(scheduler, request,
                message -> sentAtMillis.add(TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime())), timing, m -> true);
    }

    private StunMessage successResponse() {
        return StunMessage.newBuilder(StunMessageType.BINDING_SUCCESS_RESPONSE)
                .transactionId(request.transactionId()).build();
    }

    /** Advances until nothing is scheduled, and returns the time of the last event in ms. */
    private long runToEnd() {
        long last = 0;
        while (scheduler.nextDueNanos() >= 0) {
            long due = scheduler.nextDueNanos();
            scheduler.advance(due - scheduler.nanoTime(), TimeUnit.NANOSECONDS);
            last = TimeUnit.NANOSECONDS.toMillis(due);
        }
        return last;
    }

    @Test
    void retransmitsAtTheRfc8489ExampleTimesAndFailsAt39500Ms() {
        // RFC 8489 §6.2.1: "assuming an RTO of 500 ms, requests would be sent at times 0 ms,
        // 500 ms, 1500 ms, 3500 ms, 7500 ms, 15500 ms, and 31500 ms. If the client has not
        // received a response after 39500 ms, the client will consider the transaction to have
        // timed out."
        StunClientTransaction t = transaction(StunRetransmission.UDP_DEFAULT);
        t.start();

        scheduler.advance(Duration.ofMillis(39_499));
        assertThat(sentAtMillis).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(t.response()).isNotDone();

        scheduler.advance(Duration.ofMillis(1));
        assertThat(t.response()).isCompletedExceptionally();
        assertThat(t.response().handle((m, e) -> e).join()).isInstanceOf(TimeoutException.class);
        assertThat(t.transmissions()).isEqualTo(7);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aSmallerIceRtoScalesTheSameSchedule() {
        // RFC 8445 §14.3 has ICE compute its own RTO; with 100 ms the doubling gives
        // 0, 100, 300, 700, 1500, 3100, 6300 and the timeout 16 × 100 ms after the last.
        StunClientTransaction t = transaction(StunRetransmission.udp(Duration.ofMillis(100)));
        t.start();

        long end = runToEnd();

        assertThat(sentAtMillis).containsExactly(0L, 100L, 300L, 700L, 1500L, 3100L, 6300L);
        assertThat(end).isEqualTo(7900L);
        assertThat(t.response()).isCompletedExceptionally();
    }

    @Test
    void rcAndRmAreConfigurable() {
        StunClientTransaction t = transaction(
                new StunRetransmission(Duration.ofMillis(200), 3, 4, false, StunRetransmission.DEFAULT_TI));
        t.start();

        long end = runToEnd();

        assertThat(sentAtMillis).containsExactly(0L, 200L, 600L);
        assertThat(end).isEqualTo(600L + 4 * 200L);
    }

    @Test
    void aResponseAfterThreeRetransmissionsCompletesAndStopsRetransmitting() {
        StunClientTransaction t = transaction(StunRetransmission.UDP_DEFAULT);
        t.start();
        scheduler.advance(Duration.ofMillis(4000));
        assertThat(sentAtMillis).containsExactly(0L, 500L, 1500L, 3500L);

        StunMessage response = successResponse();
        assertThat(t.offer(response)).isTrue();

        assertThat(t.response()).isCompletedWithValue(response);
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sentAtMillis).hasSize(4);
        assertThat(scheduler.pendingTasks()).isZero();
        assertThat(t.offer(response)).as("a second response").isFalse();
    }

    @Test
    void aResponseTheAcceptorRefusesIsIgnoredAndTheTransactionGoesOn() {
        StunClientTransaction t = new StunClientTransaction(scheduler, request, m -> sentAtMillis.add(0L),
                StunRetransmission.UDP_DEFAULT, m -> false);
        t.start();

        assertThat(t.offer(successResponse())).isFalse();

        assertThat(t.response()).isNotDone();
        scheduler.advance(Duration.ofMillis(500));
        assertThat(t.transmissions()).isEqualTo(2);
    }

    @Test
    void cancellationStopsRetransmission() {
        StunClientTransaction t = transaction(StunRetransmission.UDP_DEFAULT);
        t.start();
        scheduler.advance(Duration.ofMillis(600));

        t.cancel();

        assertThat(t.response()).isCancelled();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sentAtMillis).containsExactly(0L, 500L);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void cancellingTheFutureFromOutsideStopsRetransmissionToo() {
        StunClientTransaction t = transaction(StunRetransmission.UDP_DEFAULT);
        t.start();
        CompletableFuture<StunMessage> future = t.response();

        future.cancel(false);

        scheduler.advance(Duration.ofMinutes(1));
        assertThat(sentAtMillis).containsExactly(0L);
    }

    @Test
    void overAReliableTransportSendsOnceAndTimesOutAfterTi() {
        // RFC 8489 §6.2.2: no retransmission at the STUN level over TCP/TLS; the transaction
        // times out after Ti (default 39.5 s).
        StunClientTransaction t = transaction(StunRetransmission.RELIABLE_DEFAULT);
        t.start();

        scheduler.advance(Duration.ofMillis(39_499));
        assertThat(sentAtMillis).containsExactly(0L);
        assertThat(t.response()).isNotDone();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(t.response().handle((m, e) -> e).join()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aCancelledTransactionIsNotSentWhenStarted() {
        StunClientTransaction t = transaction(StunRetransmission.UDP_DEFAULT);
        t.cancel();
        t.start();

        assertThat(sentAtMillis).isEmpty();
        assertThat(t.response().handle((m, e) -> e).join()).isInstanceOf(CancellationException.class);
    }
}
