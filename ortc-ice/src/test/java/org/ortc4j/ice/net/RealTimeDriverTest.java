package org.ortc4j.ice.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.vnet.LinkConditions;
import org.ortc4j.ice.vnet.VirtualHost;
import org.ortc4j.ice.vnet.VirtualNetwork;

/**
 * The real-time mode of {@link VirtualScheduler}: one driver thread owns the scheduler, virtual
 * time keeps pace with the wall clock, other threads schedule through the inbox.
 */
class RealTimeDriverTest {

    private static final long TIMEOUT_SECONDS = 5;

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private RealTimeDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void onlyTheDriversThreadIsTheLoop() throws Exception {
        assertThat(scheduler.inLoop()).as("single-threaded mode: every caller is the loop").isTrue();
        driver = scheduler.runInRealTime();

        assertThat(scheduler.inLoop()).isFalse();
        assertThat(driver.isDriverThread()).isFalse();
        assertThat(driver.call(scheduler::inLoop)).isTrue();
        assertThat(driver.call(driver::isDriverThread)).isTrue();
        CompletableFuture<Boolean> fromOtherThread = CompletableFuture.supplyAsync(scheduler::inLoop);
        assertThat(fromOtherThread.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void tasksFromOtherThreadsRunOnTheDriverInTheOrderTheyCame() throws Exception {
        driver = scheduler.runInRealTime();
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> last = new CompletableFuture<>();
        Thread caller = Thread.currentThread();

        for (int i = 0; i < 100; i++) {
            int n = i;
            scheduler.execute(() -> ran.add(n + (scheduler.inLoop() && Thread.currentThread() != caller ? "" : "!")));
        }
        scheduler.execute(() -> last.complete(null));
        last.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(ran).hasSize(100).doesNotContain("0!");
        for (int i = 0; i < 100; i++) {
            assertThat(ran.get(i)).isEqualTo(String.valueOf(i));
        }
    }

    @Test
    void virtualTimeKeepsPaceWithTheWallClock() throws Exception {
        driver = scheduler.runInRealTime();
        long wallStart = System.nanoTime();
        CompletableFuture<Long> ranAt = new CompletableFuture<>();
        long scheduledAt = driver.call(() -> {
            scheduler.schedule(() -> ranAt.complete(scheduler.nanoTime()), 50, TimeUnit.MILLISECONDS);
            return scheduler.nanoTime();
        });

        long virtualRun = ranAt.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long wallElapsed = System.nanoTime() - wallStart;

        // The task runs with the clock at its due time, and not before 50 ms of real time passed.
        assertThat(virtualRun - scheduledAt).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(wallElapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        // The clock goes on moving by itself, readable from any thread.
        long before = scheduler.nanoTime();
        CompletableFuture<Void> later = new CompletableFuture<>();
        scheduler.schedule(() -> later.complete(null), 20, TimeUnit.MILLISECONDS);
        later.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(scheduler.nanoTime() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void tasksScheduledBeforeTheDriverStartedKeepTheirVirtualDueTimes() throws Exception {
        CompletableFuture<Long> ranAt = new CompletableFuture<>();
        scheduler.advance(Duration.ofSeconds(5));
        scheduler.schedule(() -> ranAt.complete(scheduler.nanoTime()), 30, TimeUnit.MILLISECONDS);

        driver = scheduler.runInRealTime();

        assertThat(ranAt.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5030));
    }

    @Test
    void aTaskCancelledFromAnotherThreadDoesNotRun() throws Exception {
        driver = scheduler.runInRealTime();
        AtomicBoolean cancelledRan = new AtomicBoolean();
        CompletableFuture<Void> after = new CompletableFuture<>();

        Scheduler.Cancellable cancellable = scheduler.schedule(() -> cancelledRan.set(true), 20, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> after.complete(null), 40, TimeUnit.MILLISECONDS);
        cancellable.cancel();
        after.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(cancelledRan).isFalse();
    }

    @Test
    void theTestThreadCanNoLongerMoveTheClock() {
        driver = scheduler.runInRealTime();

        assertThatThrownBy(() -> scheduler.advance(Duration.ofMillis(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("real time");
        assertThatThrownBy(scheduler::runDueTasks).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(scheduler::pendingTasks).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(scheduler::runInRealTime).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        assertThat(driver.call(scheduler::pendingTasks)).isZero();
    }

    @Test
    void callPassesOnWhatTheTaskThrew() {
        driver = scheduler.runInRealTime();

        assertThatThrownBy(() -> driver.call(() -> {
            throw new IllegalArgumentException("bad");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
        assertThatThrownBy(() -> driver.call(() -> {
            throw new java.io.IOException("io");
        })).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aThrowingTaskDoesNotStopTheDriverAndCloseReportsIt() throws Exception {
        driver = scheduler.runInRealTime();
        scheduler.execute(() -> {
            throw new IllegalStateException("task failure");
        });
        CompletableFuture<Void> after = new CompletableFuture<>();
        scheduler.execute(() -> after.complete(null));
        after.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        RealTimeDriver closing = driver;
        driver = null;
        assertThatThrownBy(closing::close).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("task failure");
    }

    @Test
    void afterCloseNoThreadIsTheLoopAndTasksAreDiscarded() throws Exception {
        driver = scheduler.runInRealTime();
        RealTimeDriver closing = driver;
        driver = null;
        closing.close();
        closing.close();   // idempotent

        assertThat(scheduler.inLoop()).isFalse();
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.execute(() -> ran.set(true));
        assertThat(ran).isFalse();
        assertThatThrownBy(() -> closing.submit(() -> true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anIdleDriverWakesForATaskFromAnotherThread() throws Exception {
        driver = scheduler.runInRealTime();
        CountDownLatch idle = new CountDownLatch(1);
        driver.run(idle::countDown);
        idle.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        // Nothing is scheduled, so the driver sleeps without a deadline until this arrives.
        assertThat(driver.call(() -> "awake")).isEqualTo("awake");
    }

    @Test
    void aDatagramCrossesTheVirtualNetworkWithItsDelayInRealTime() throws Exception {
        VirtualNetwork network = new VirtualNetwork(scheduler, 3);
        driver = scheduler.runInRealTime();
        LinkConditions slow = LinkConditions.builder().delay(Duration.ofMillis(40)).build();
        CompletableFuture<String> received = new CompletableFuture<>();
        CompletableFuture<Long> receivedAt = new CompletableFuture<>();
        long wallStart = System.nanoTime();

        long sentAt = driver.call(() -> {
            VirtualHost a = network.addHost("a", "198.51.100.1");
            VirtualHost b = network.addHost("b", "198.51.100.2");
            a.setLinkConditions(slow);
            UdpSocket receiver = b.bindUdp(new InetSocketAddress(b.addresses().get(0), 5000), (socket, from, data) -> {
                try {
                    received.complete(data.toString(StandardCharsets.UTF_8));
                    receivedAt.complete(scheduler.nanoTime());
                } finally {
                    data.release();
                }
            }).join();
            UdpSocket sender = a.bindUdp(new InetSocketAddress(a.addresses().get(0), 0), (socket, from, data) -> data.release()).join();
            ByteBuf payload = Unpooled.copiedBuffer("over the vnet", StandardCharsets.UTF_8);
            sender.send(payload, receiver.localAddress());
            return scheduler.nanoTime();
        });

        assertThat(received.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("over the vnet");
        assertThat(receivedAt.join() - sentAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(System.nanoTime() - wallStart).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(driver.call(network::packetsDelivered)).isEqualTo(1);
    }

    @Test
    void aTaskFromAnotherThreadRunsAtTheCurrentTimeEvenAfterTheDriverSlept() throws Exception {
        VirtualNetwork network = new VirtualNetwork(scheduler, 5);
        driver = scheduler.runInRealTime();
        LinkConditions slow = LinkConditions.builder().delay(Duration.ofMillis(40)).build();
        CompletableFuture<Long> receivedAt = new CompletableFuture<>();
        UdpSocket[] sockets = driver.call(() -> {
            VirtualHost a = network.addHost("a", "198.51.100.1");
            VirtualHost b = network.addHost("b", "198.51.100.2");
            a.setLinkConditions(slow);
            // Nothing else to do for 10 s: the driver sleeps until a task comes.
            scheduler.schedule(() -> { }, 10, TimeUnit.SECONDS);
            UdpSocket receiver = b.bindUdp(new InetSocketAddress(b.addresses().get(0), 5000), (socket, from, data) -> {
                data.release();
                receivedAt.complete(scheduler.nanoTime());
            }).join();
            UdpSocket sender = a.bindUdp(new InetSocketAddress(a.addresses().get(0), 0), (socket, from, data) -> data.release()).join();
            return new UdpSocket[] {sender, receiver};
        });
        long virtualStart = driver.call(scheduler::nanoTime);
        long wallStart = System.nanoTime();
        CompletableFuture<Long> sentAt = new CompletableFuture<>();

        // As a thread with its own wall-clock timer (a DTLS handshake's retransmission) would.
        CompletableFuture.runAsync(() -> scheduler.execute(() -> {
            sentAt.complete(scheduler.nanoTime());
            sockets[0].send(Unpooled.copiedBuffer("late", StandardCharsets.UTF_8), sockets[1].localAddress());
        }), CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));
        long received = receivedAt.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long wallElapsed = System.nanoTime() - wallStart;

        // The task ran with the clock caught up with the wall, so the datagram took its 40 ms.
        assertThat(sentAt.join() - virtualStart).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(received - sentAt.join()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(wallElapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
    }
}
