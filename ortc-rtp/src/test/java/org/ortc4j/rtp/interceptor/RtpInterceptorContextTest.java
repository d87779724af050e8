package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;

class RtpInterceptorContextTest {

    @Test
    void ntpTimeCountsFrom1900() {
        // RFC 868: 1970-01-01 is 2,208,988,800 seconds after 1900-01-01.
        assertThat(RtpInterceptorContext.toNtp(0)).isEqualTo(2_208_988_800L << 32);
        // Half a second is half of 2^32 in the fraction.
        assertThat(RtpInterceptorContext.toNtp(1_500_000_000L)).isEqualTo(((2_208_988_801L) << 32) | 0x8000_0000L);
    }

    @Test
    void compactNtpIsTheMiddle32Bits() {
        // RFC 3550 §6.4.1: LSR is "the middle 32 bits out of 64 in the NTP timestamp".
        assertThat(RtpInterceptorContext.compactNtp(0x1234_5678_9ABC_DEF0L)).isEqualTo(0x5678_9ABC);
    }

    @Test
    void theWallClockMovesWithVirtualTime() {
        VirtualScheduler scheduler = new VirtualScheduler();
        RtpInterceptorContext context = new RtpInterceptorContext(scheduler, 1_000_000_000L);
        long before = context.ntpTime();
        scheduler.advance(Duration.ofMillis(250));
        assertThat(context.wallClockNanos()).isEqualTo(1_250_000_000L);
        assertThat(context.ntpTime() - before).isEqualTo(1L << 30);
        assertThat(context.nanoTime()).isEqualTo(scheduler.nanoTime());
    }
}
