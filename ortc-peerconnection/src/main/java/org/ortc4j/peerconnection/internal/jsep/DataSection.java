package org.ortc4j.peerconnection.internal.jsep;

import java.util.Objects;

/**
 * The data-channel m-section of a description we wrote (RFC 8841).
 *
 * @param mid the mid
 * @param sctpPort the SCTP port (a=sctp-port, or the sctpmap number in the legacy syntax)
 * @param maxMessageSize a=max-message-size (RFC 8841 §6); 0 means "no limit" and is written so
 * @param legacy whether the section uses the pre-RFC 8841 syntax {@code DTLS/SCTP <port>} with
 *     a=sctpmap, which we only do when answering an offer written that way
 * @param rejected port 0
 * @param bundleOnly port 0 with a=bundle-only
 */
public record DataSection(String mid, int sctpPort, long maxMessageSize, boolean legacy, boolean rejected,
        boolean bundleOnly) implements Section {

    /** RFC 8841 §5: the port SCTP runs on when nothing else is said; every browser uses it. */
    public static final int DEFAULT_SCTP_PORT = 5000;

    /** Checks the mid and port. */
    public DataSection {
        Objects.requireNonNull(mid, "mid");
        if (sctpPort < 0 || sctpPort > 65535) {
            throw new IllegalArgumentException("sctp port " + sctpPort + " is not 0..65535");
        }
    }

    @Override
    public String kind() {
        return "application";
    }
}
