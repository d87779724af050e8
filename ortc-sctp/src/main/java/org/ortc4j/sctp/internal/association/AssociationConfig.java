package org.ortc4j.sctp.internal.association;

import java.time.Duration;
import java.util.Objects;
import org.ortc4j.sctp.internal.control.RtoEstimator;

/**
 * The settings of one association. {@link #builder()} starts from what WebRTC uses (RFC 8831,
 * Chromium's dcsctp where the RFCs leave a choice).
 *
 * @param localPort the SCTP source port (RFC 8841: 5000 unless the SDP says otherwise)
 * @param remotePort the peer's SCTP port
 * @param maxPacketSize the largest SCTP packet we send (common header included); 1191 as Chromium,
 *     so that DTLS, UDP and IPv6 headers fit a 1280-byte path
 * @param outboundStreams the OS (number of outbound streams) we ask for in INIT
 * @param inboundStreams the MIS (maximum inbound streams) we accept
 * @param receiveWindow a_rwnd: the receive buffer we advertise, in bytes
 * @param maxSendBufferBytes how many bytes of user messages may wait to be sent; beyond, a send
 *     is refused
 * @param maxReassemblyBytes the payload bytes held for reassembly at most; a peer that exceeds
 *     them (it ignored our window) is aborted
 * @param maxReassemblyMessages the fragments and waiting messages held for reassembly at most
 * @param rto RTO.Initial/Min/Max (RFC 9260 §16)
 * @param heartbeatInterval HB.interval (RFC 9260 §8.3)
 * @param maxRetransmissions Association.Max.Retrans (RFC 9260 §8.1): consecutive T3-rtx and
 *     heartbeat failures before the association fails
 * @param maxInitRetransmissions Max.Init.Retransmits (RFC 9260 §16)
 * @param validCookieLife how long a state cookie we issue stays valid (RFC 9260 §16)
 * @param zeroChecksumAcceptable whether we advertise RFC 9653 Zero Checksum Acceptable with the
 *     DTLS error detection method (true over DTLS, RFC 8261); then a peer that also advertises it
 *     receives packets with checksum 0 from us, and we accept zero checksums
 * @param interleaving whether we offer I-DATA (RFC 8260); used only when both sides support it
 * @param partialReliability whether we offer FORWARD-TSN (RFC 3758); WebRTC requires it
 */
public record AssociationConfig(
        int localPort,
        int remotePort,
        int maxPacketSize,
        int outboundStreams,
        int inboundStreams,
        long receiveWindow,
        long maxSendBufferBytes,
        int maxReassemblyBytes,
        int maxReassemblyMessages,
        RtoEstimator.Config rto,
        Duration heartbeatInterval,
        int maxRetransmissions,
        int maxInitRetransmissions,
        Duration validCookieLife,
        boolean zeroChecksumAcceptable,
        boolean interleaving,
        boolean partialReliability) {

    /** Checks the values. */
    public AssociationConfig {
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(validCookieLife, "validCookieLife");
        if (localPort < 1 || localPort > 0xFFFF || remotePort < 1 || remotePort > 0xFFFF) {
            throw new IllegalArgumentException("ports must be 1 to 65535: " + localPort + ", " + remotePort);
        }
        if (maxPacketSize < 256 || maxPacketSize > 0xFFFF) {
            throw new IllegalArgumentException("maxPacketSize must be 256 to 65535: " + maxPacketSize);
        }
        if (outboundStreams < 1 || outboundStreams > 0xFFFF || inboundStreams < 1 || inboundStreams > 0xFFFF) {
            throw new IllegalArgumentException("stream counts must be 1 to 65535");
        }
        // RFC 9260 §6: a_rwnd is at least 1500 bytes.
        if (receiveWindow < 1500 || receiveWindow > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("receiveWindow must be 1500 to 2^32-1: " + receiveWindow);
        }
        if (maxSendBufferBytes < 1 || maxReassemblyBytes < receiveWindow || maxReassemblyMessages < 1) {
            throw new IllegalArgumentException("buffer limits must be positive, reassembly at least the window");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || validCookieLife.isNegative()
                || validCookieLife.isZero()) {
            throw new IllegalArgumentException("intervals must be positive");
        }
        if (maxRetransmissions < 1 || maxInitRetransmissions < 1) {
            throw new IllegalArgumentException("retransmission limits must be positive");
        }
    }

    /** A builder starting from the WebRTC defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds an {@link AssociationConfig}; each setter names its record component. */
    public static final class Builder {
        private int localPort = 5000;
        private int remotePort = 5000;
        private int maxPacketSize = 1191;
        private int outboundStreams = 65535;
        private int inboundStreams = 65535;
        // dcsctp's max_receiver_window_buffer_size: 5 MiB keeps a fast sender busy on links
        // with tens of milliseconds of RTT; it is only memory while the application lags.
        private long receiveWindow = 5L << 20;
        // Chromium's data-channel send queue limit (kMaxQueuedSendDataBytes).
        private long maxSendBufferBytes = 16L << 20;
        private int maxReassemblyBytes = 6 << 20;
        private int maxReassemblyMessages = 65536;
        private RtoEstimator.Config rto = RtoEstimator.Config.webrtc();
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int maxRetransmissions = 10;
        private int maxInitRetransmissions = 8;
        private Duration validCookieLife = Duration.ofSeconds(60);
        private boolean zeroChecksumAcceptable;
        private boolean interleaving;
        private boolean partialReliability = true;

        private Builder() {
        }

        private Builder(AssociationConfig c) {
            localPort = c.localPort;
            remotePort = c.remotePort;
            maxPacketSize = c.maxPacketSize;
            outboundStreams = c.outboundStreams;
            inboundStreams = c.inboundStreams;
            receiveWindow = c.receiveWindow;
            maxSendBufferBytes = c.maxSendBufferBytes;
            maxReassemblyBytes = c.maxReassemblyBytes;
            maxReassemblyMessages = c.maxReassemblyMessages;
            rto = c.rto;
            heartbeatInterval = c.heartbeatInterval;
            maxRetransmissions = c.maxRetransmissions;
            maxInitRetransmissions = c.maxInitRetransmissions;
            validCookieLife = c.validCookieLife;
            zeroChecksumAcceptable = c.zeroChecksumAcceptable;
            interleaving = c.interleaving;
            partialReliability = c.partialReliability;
        }

        public Builder localPort(int v) { localPort = v; return this; }
        public Builder remotePort(int v) { remotePort = v; return this; }
        public Builder maxPacketSize(int v) { maxPacketSize = v; return this; }
        public Builder outboundStreams(int v) { outboundStreams = v; return this; }
        public Builder inboundStreams(int v) { inboundStreams = v; return this; }
        public Builder receiveWindow(long v) { receiveWindow = v; return this; }
        public Builder maxSendBufferBytes(long v) { maxSendBufferBytes = v; return this; }
        public Builder maxReassemblyBytes(int v) { maxReassemblyBytes = v; return this; }
        public Builder maxReassemblyMessages(int v) { maxReassemblyMessages = v; return this; }
        public Builder rto(RtoEstimator.Config v) { rto = v; return this; }
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        public Builder maxRetransmissions(int v) { maxRetransmissions = v; return this; }
        public Builder maxInitRetransmissions(int v) { maxInitRetransmissions = v; return this; }
        public Builder validCookieLife(Duration v) { validCookieLife = v; return this; }
        public Builder zeroChecksumAcceptable(boolean v) { zeroChecksumAcceptable = v; return this; }
        public Builder interleaving(boolean v) { interleaving = v; return this; }
        public Builder partialReliability(boolean v) { partialReliability = v; return this; }

        /** The settings, checked. */
        public AssociationConfig build() {
            return new AssociationConfig(localPort, remotePort, maxPacketSize, outboundStreams, inboundStreams,
                    receiveWindow, maxSendBufferBytes, maxReassemblyBytes, maxReassemblyMessages, rto,
                    heartbeatInterval, maxRetransmissions, maxInitRetransmissions, validCookieLife,
                    zeroChecksumAcceptable, interleaving, partialReliability);
        }
    }
}
