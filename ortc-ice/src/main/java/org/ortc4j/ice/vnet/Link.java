package org.ortc4j.ice.vnet;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One direction of a link: applies its {@link LinkConditions} to each datagram and hands the
 * survivors to the next hop after their delay, on the network's scheduler. Keeps the state a
 * bandwidth limit needs (when the link is next free), so each direction queues on its own.
 */
final class Link {

    private final VirtualNetwork network;
    private final Supplier<LinkConditions> conditions;
    /** Virtual time at which the link has serialised everything queued so far. */
    private long busyUntil = Long.MIN_VALUE;

    Link(VirtualNetwork network, Supplier<LinkConditions> conditions) {
        this.network = network;
        this.conditions = conditions;
    }

    /**
     * Sends {@code datagram} across: it is lost, tail-dropped, or handed to {@code next} after
     * the link's delay (twice when duplicated). Random draws happen in a fixed order so that a seed
     * replays the same outcome.
     */
    void transmit(Datagram datagram, Consumer<Datagram> next) {
        LinkConditions c = conditions.get();
        Random random = network.random();
        if (c.loss() > 0 && random.nextDouble() < c.loss()) {
            network.countLost();
            return;
        }
        long now = network.scheduler().nanoTime();
        long departure = now;
        if (c.bandwidth() > 0) {
            long start = Math.max(now, busyUntil);
            long waitingBytes = bytesIn(start - now, c.bandwidth());
            int size = datagram.payload().length;
            // A datagram that finds the link idle always goes; one that would overflow the queue is
            // dropped at the tail, as a router's drop-tail FIFO does.
            if (waitingBytes > 0 && waitingBytes + size > c.queueBytes()) {
                network.countQueueDropped();
                return;
            }
            busyUntil = start + serialisationNanos(size, c.bandwidth());
            departure = busyUntil;
        }
        long delay = c.delay().toNanos();
        long jitter = c.jitter().toNanos();
        if (jitter > 0) {
            delay += (long) (random.nextDouble() * jitter);
        }
        if (c.reordering() > 0 && random.nextDouble() < c.reordering()) {
            delay += c.reorderDelay().toNanos();
        }
        long after = departure - now + delay;
        network.scheduler().schedule(() -> next.accept(datagram), after, TimeUnit.NANOSECONDS);
        if (c.duplication() > 0 && random.nextDouble() < c.duplication()) {
            network.countDuplicated();
            network.scheduler().schedule(() -> next.accept(datagram), after, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The one-way delay a stream's bytes see on this link: its propagation delay without loss,
     * jitter or queueing (the stream hides those).
     */
    long streamDelayNanos() {
        return conditions.get().delay().toNanos();
    }

    private static long serialisationNanos(int bytes, long bitsPerSecond) {
        return Math.max(1, Math.round(bytes * 8.0 * 1e9 / bitsPerSecond));
    }

    private static long bytesIn(long nanos, long bitsPerSecond) {
        return (long) Math.ceil(nanos * (double) bitsPerSecond / 8e9);
    }
}
