package org.ortc4j.sctp.chromium;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ortc4j.sctp.RTCSctpTransport;

/**
 * Diagnostics for a failing interop test: the association's counters (packets, retransmissions,
 * T3 expirations, SRTT, cwnd, ...) of an {@link RTCSctpTransport}, read on its loop. The
 * transport exposes them only to its own package until RTCStats exist, so this reads them
 * reflectively (tests run on the class path); it never changes anything.
 */
final class AssociationCounters {

    private AssociationCounters() {
    }

    /** The counters as text, or why they could not be read. */
    static String of(RTCSctpTransport transport) {
        try {
            Method stats = RTCSctpTransport.class.getDeclaredMethod("associationStats");
            stats.setAccessible(true);
            CompletableFuture<Object> result = new CompletableFuture<>();
            transport.transport().iceTransport().scheduler().execute(() -> {
                try {
                    result.complete(stats.invoke(transport));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return String.valueOf(result.get(2, TimeUnit.SECONDS));
        } catch (Exception e) {
            return "(association counters unavailable: " + e + ")";
        }
    }
}
