package org.ortc4j.media;

/**
 * The unit of a presentation timestamp, as a fraction of a second: a frame whose {@code pts} is
 * {@code p} in time base {@code n/d} is presented {@code p * n / d} seconds after the stream's
 * origin. Audio usually counts samples ({@code 1/48000}), video the RTP clock ({@code 1/90000}).
 *
 * @param numerator   seconds per tick, numerator; positive
 * @param denominator seconds per tick, denominator; positive
 */
public record TimeBase(int numerator, int denominator) {

    /** The 90 kHz clock of video RTP payloads (RFC 3551 §5). */
    public static final TimeBase VIDEO_90KHZ = new TimeBase(1, 90_000);

    /** Validates both parts. */
    public TimeBase {
        if (numerator <= 0 || denominator <= 0) {
            throw new IllegalArgumentException("time base must be positive: " + numerator + "/" + denominator);
        }
    }

    /** A time base of one tick per sample of a clock at {@code hertz}: {@code 1/hertz}. */
    public static TimeBase ofRate(int hertz) {
        return new TimeBase(1, hertz);
    }

    /** {@code pts} in seconds. */
    public double toSeconds(long pts) {
        return (double) pts * numerator / denominator;
    }

    /**
     * {@code pts} counted in {@code target} units, rounded toward negative infinity.
     *
     * @throws ArithmeticException if the intermediate product overflows a long
     */
    public long convert(long pts, TimeBase target) {
        if (this.equals(target)) {
            return pts;
        }
        long num = Math.multiplyExact((long) numerator, target.denominator);
        long den = Math.multiplyExact((long) denominator, target.numerator);
        return Math.floorDiv(Math.multiplyExact(pts, num), den);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
