package org.ortc4j.ice.vnet;

import java.time.Duration;
import java.util.Objects;

/**
 * What a virtual link does to the datagrams that cross it: loss, delay, jitter, reordering,
 * duplication and a bandwidth limit with a bounded queue. Set for the whole network
 * ({@link VirtualNetwork#setLinkConditions}, the shared core every packet between two segments'
 * hosts crosses) and per host ({@link VirtualHost#setLinkConditions}, its access link, applied to
 * each direction separately).
 *
 * <p>Random choices come from the network's seeded {@link java.util.Random}, so a seed replays
 * the same losses, jitter and duplicates.
 *
 * @param loss probability (0..1) that a datagram is lost
 * @param delay one-way propagation delay, the minimum a datagram takes
 * @param jitter extra delay drawn uniformly from {@code [0, jitter)} per datagram
 * @param reordering probability (0..1) that a datagram is held back {@code reorderDelay} more, so
 *     that later ones overtake it
 * @param reorderDelay how long a reordered datagram is held back
 * @param duplication probability (0..1) that a datagram arrives twice
 * @param bandwidth bits per second the link serialises; 0 means unlimited (no queue)
 * @param queueBytes the most payload bytes the link holds when {@code bandwidth} is limited, the
 *     datagram being serialised included; a datagram that does not fit is dropped (tail drop),
 *     unless the link is idle. Sizes are UDP payload sizes (headers are not counted)
 */
public record LinkConditions(
        double loss,
        Duration delay,
        Duration jitter,
        double reordering,
        Duration reorderDelay,
        double duplication,
        long bandwidth,
        int queueBytes) {

    /** A perfect link: nothing lost, no delay, unlimited bandwidth. */
    public static final LinkConditions IDEAL = builder().build();

    public LinkConditions {
        checkProbability("loss", loss);
        checkProbability("reordering", reordering);
        checkProbability("duplication", duplication);
        checkDuration("delay", delay);
        checkDuration("jitter", jitter);
        checkDuration("reorderDelay", reorderDelay);
        if (bandwidth < 0) {
            throw new IllegalArgumentException("bandwidth must be >= 0 bits/s, got " + bandwidth);
        }
        if (queueBytes < 0) {
            throw new IllegalArgumentException("queueBytes must be >= 0, got " + queueBytes);
        }
    }

    /** A builder starting from {@link #IDEAL}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these conditions. */
    public Builder toBuilder() {
        return new Builder()
                .loss(loss)
                .delay(delay)
                .jitter(jitter)
                .reordering(reordering)
                .reorderDelay(reorderDelay)
                .duplication(duplication)
                .bandwidth(bandwidth)
                .queueBytes(queueBytes);
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
    }

    private static void checkDuration(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    /** Builds {@link LinkConditions}; every field starts ideal (no loss, no delay, unlimited). */
    public static final class Builder {
        private double loss;
        private Duration delay = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double reordering;
        private Duration reorderDelay = Duration.ofMillis(20);
        private double duplication;
        private long bandwidth;
        private int queueBytes = 64 * 1024;

        private Builder() {}

        public Builder loss(double loss) {
            this.loss = loss;
            return this;
        }

        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        public Builder jitter(Duration jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder reordering(double reordering) {
            this.reordering = reordering;
            return this;
        }

        public Builder reorderDelay(Duration reorderDelay) {
            this.reorderDelay = reorderDelay;
            return this;
        }

        public Builder duplication(double duplication) {
            this.duplication = duplication;
            return this;
        }

        /** Bits per second; 0 is unlimited. */
        public Builder bandwidth(long bitsPerSecond) {
            this.bandwidth = bitsPerSecond;
            return this;
        }

        public Builder queueBytes(int queueBytes) {
            this.queueBytes = queueBytes;
            return this;
        }

        public LinkConditions build() {
            return new LinkConditions(loss, delay, jitter, reordering, reorderDelay, duplication, bandwidth, queueBytes);
        }
    }
}
