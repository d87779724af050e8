package org.ortc4j.rtp.internal;

import java.util.Objects;
import org.ortc4j.rtp.RTCRtpTransceiver;

/**
 * The JSEP layer's way to clear a transceiver's mid, which the public API sets once and never
 * clears. Rollback needs it (W3C WebRTC §4.6.1: "If the mid value of an RTCRtpTransceiver was set
 * to a non-null value by an RTCSessionDescription that is rolled back, the mid value will be set
 * back to null"; RFC 9429 §4.1.10.2). Exported to ortc-peerconnection only;
 * {@link RTCRtpTransceiver} installs the clearing when its class initializes (the JDK's
 * shared-secrets pattern, so the public class keeps no public clear method).
 */
public final class TransceiverMid {

    /** What {@link RTCRtpTransceiver} gives: clears one transceiver's mid. */
    public interface Clearing {
        /** Clears the mid of {@code transceiver}. */
        void clear(RTCRtpTransceiver transceiver);
    }

    private static volatile Clearing clearing;

    private TransceiverMid() {
    }

    /**
     * Called once by {@link RTCRtpTransceiver}'s static initializer.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void install(Clearing implementation) {
        if (clearing != null) {
            throw new IllegalStateException("already installed");
        }
        clearing = Objects.requireNonNull(implementation, "implementation");
    }

    /** Clears the mid of {@code transceiver}: {@code mid()} is empty and {@code setMid} may set a new one. */
    public static void clear(RTCRtpTransceiver transceiver) {
        Objects.requireNonNull(transceiver, "transceiver");
        // The transceiver exists, so its class has initialized and installed the clearing.
        clearing.clear(transceiver);
    }
}
