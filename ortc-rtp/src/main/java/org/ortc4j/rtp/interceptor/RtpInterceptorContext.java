package org.ortc4j.rtp.interceptor;

import java.util.Objects;
import org.ortc4j.ice.net.Scheduler;

/**
 * What an interceptor gets from the transport it serves: the loop's scheduler and a wall clock
 * in NTP format for sender reports (RFC 3550 §4), both driven by the same monotonic clock so that
 * virtual time moves them together.
 */
public final class RtpInterceptorContext {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 868. */
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private final Scheduler scheduler;
    private final long wallAnchorNanos;
    private final long monotonicAnchorNanos;

    /**
     * A context on the scheduler's clock, with the wall clock anchored to the system's wall clock
     * at this moment.
     */
    public RtpInterceptorContext(Scheduler scheduler) {
        this(scheduler, System.currentTimeMillis() * 1_000_000L);
    }

    /**
     * A context whose wall clock reads {@code wallClockNanos} (nanoseconds since the Unix epoch)
     * at this moment, for tests that want reproducible NTP timestamps.
     */
    public RtpInterceptorContext(Scheduler scheduler, long wallClockNanos) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.wallAnchorNanos = wallClockNanos;
        this.monotonicAnchorNanos = scheduler.nanoTime();
    }

    /** The transport loop's scheduler: its clock and timers. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The scheduler's monotonic time, in nanoseconds. */
    public long nanoTime() {
        return scheduler.nanoTime();
    }

    /** Wall-clock time now, in nanoseconds since the Unix epoch, advancing with the scheduler's clock. */
    public long wallClockNanos() {
        return wallAnchorNanos + (scheduler.nanoTime() - monotonicAnchorNanos);
    }

    /**
     * Wall-clock time now as a 64-bit NTP timestamp (RFC 3550 §4: seconds since 1900 in the high
     * 32 bits, the fraction in the low 32).
     */
    public long ntpTime() {
        return toNtp(wallClockNanos());
    }

    /** Converts nanoseconds since the Unix epoch to a 64-bit NTP timestamp. */
    public static long toNtp(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        long fraction = (nanos << 32) / 1_000_000_000L;
        return ((seconds + NTP_UNIX_OFFSET_SECONDS) << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp, as RTCP's LSR and DLRR carry it (RFC 3550 §6.4.1). */
    public static int compactNtp(long ntp) {
        return (int) (ntp >>> 16);
    }
}
