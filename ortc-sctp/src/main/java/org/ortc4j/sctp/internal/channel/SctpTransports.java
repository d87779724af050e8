package org.ortc4j.sctp.internal.channel;

import java.util.Objects;
import org.ortc4j.dtls.RTCDtlsTransport;
import org.ortc4j.sctp.RTCSctpTransport;
import org.ortc4j.sctp.internal.association.AssociationConfig;

/**
 * Makes {@link RTCSctpTransport}s with association settings other than the WebRTC defaults
 * (smaller buffers for tests, larger windows for benchmarks). Not exported: the public API keeps
 * to the W3C/ORTC constructors, and code inside the module or on the class path (tests,
 * benchmarks with {@code --add-exports}) uses this.
 */
public final class SctpTransports {

    /** How {@link RTCSctpTransport} lets this class call its private constructor. */
    @FunctionalInterface
    public interface Constructor {
        /** A transport with these settings. */
        RTCSctpTransport create(RTCDtlsTransport transport, int port, AssociationConfig config);
    }

    private static volatile Constructor constructor;

    private SctpTransports() {}

    /** Called once by {@link RTCSctpTransport}'s static initializer. */
    public static void setConstructor(Constructor c) {
        if (constructor == null) {
            constructor = Objects.requireNonNull(c, "c");
        }
    }

    /**
     * A transport over {@code transport} on local SCTP port {@code port} whose association uses
     * {@code config}; the ports and {@code zeroChecksumAcceptable} of {@code config} are replaced
     * by {@code port}, the remote port given to {@code start}, and {@code true} (we run over DTLS).
     */
    public static RTCSctpTransport create(RTCDtlsTransport transport, int port, AssociationConfig config) {
        if (constructor == null) {
            RTCSctpTransport.getCapabilities(); // runs RTCSctpTransport's static initializer
        }
        return constructor.create(transport, port, config);
    }
}
