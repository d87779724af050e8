package org.ortc4j.rtp.internal.report;

/** Conversions of RTCP's NTP timestamps (RFC 3550 §4) used by reports. */
public final class NtpTime {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 868. */
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** A 64-bit NTP timestamp as milliseconds since the Unix epoch. */
    public static double toUnixMillis(long ntp) {
        long seconds = (ntp >>> 32) - NTP_UNIX_OFFSET_SECONDS;
        double fraction = (ntp & 0xFFFF_FFFFL) / 4_294_967_296.0;
        return (seconds + fraction) * 1000.0;
    }

    /** Nanoseconds as RFC 3550 §6.4.1's DLSR units of 1/65536 seconds, unsigned 32 bits (saturating). */
    public static long toCompactDuration(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long seconds = nanos / 1_000_000_000L;
        long rest = nanos % 1_000_000_000L;
        long units = (seconds << 16) + (rest << 16) / 1_000_000_000L;
        return Math.min(units, 0xFFFF_FFFFL);
    }

    /** A duration in compact NTP units (1/65536 s) as seconds. */
    public static double compactToSeconds(long units) {
        return units / 65536.0;
    }

    /**
     * Time in nanoseconds (any origin) as units of an RTP clock, exactly, without overflow for any
     * realistic clock rate.
     */
    public static long toClockUnits(long nanos, int clockRate) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long rest = Math.floorMod(nanos, 1_000_000_000L);
        return seconds * clockRate + rest * clockRate / 1_000_000_000L;
    }
}
