package org.ortc4j.rtp.interceptor;

import org.ortc4j.rtp.internal.twcc.ExtensionRewriter;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.TransportSequenceNumberExtension;

/**
 * Sender side of transport-wide congestion control
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): writes a transport-wide sequence number
 * into every packet of each sent stream that negotiated the extension, one counter for all the
 * transport's streams (one interceptor per transport), RTX retransmissions included, so that the
 * receiver's feedback ({@link TransportFeedbackInterceptor}) speaks of every packet on the wire.
 *
 * <p>Place it after the interceptors that send packets of their own (the NACK responder), so that
 * those get numbers too.
 *
 * <p>A packet that already has a 2-byte element of the extension in a writable buffer (the
 * sender reserves it) gets its number written there, in place; any other is rebuilt with the
 * element (added, or replacing one of another size). The packet's buffer is the caller's for the
 * call ({@link RtpOutput#write}): a caller that hands one writable buffer to several transports'
 * chains at once (an SFU forwarding one packet to many) gives each its own copy or a read-only
 * buffer, since each transport writes its own number.
 */
public final class TransportSequenceInterceptor implements RtpInterceptor {

    /** The first number, as libwebrtc starts its transport sequence. */
    static final int FIRST_SEQUENCE_NUMBER = 1;

    private int next = FIRST_SEQUENCE_NUMBER;
    private long packetsNumbered;
    private long packetsNotNumbered;
    private long packetsNumberedInPlace;
    /** The element's data for the in-place write, reused: the loop numbers one packet at a time. */
    private final byte[] element = new byte[2];

    private TransportSequenceInterceptor() {
    }

    /** A factory of one numbering per transport. */
    public static RtpInterceptorFactory factory() {
        return context -> new TransportSequenceInterceptor();
    }

    @Override
    public RtpOutput bindLocalStream(RtpStreamInfo stream, RtpOutput next) {
        int id = stream.headerExtensions().id(TransportSequenceNumberExtension.URI);
        if (id == 0) {
            return next;
        }
        return packet -> next.write(number(packet, id));
    }

    private RtpPacket number(RtpPacket packet, int id) {
        // draft-holmer-rmcat-transport-wide-cc-extensions-01 §2: one 16-bit sequence number space
        // for all packets of the transport, one more per packet, wrapping.
        int seq = next;
        // draft-holmer-rmcat-transport-wide-cc-extensions-01 §2: the element's data is the 16-bit
        // "transport-wide sequence number", network byte order.
        element[0] = (byte) (seq >>> 8);
        element[1] = (byte) seq;
        if (packet.overwriteExtension(id, element)) {
            next = (seq + 1) & 0xFFFF;
            packetsNumbered++;
            packetsNumberedInPlace++;
            return packet;
        }
        RtpPacket numbered = ExtensionRewriter.withExtension(packet, id,
                new TransportSequenceNumberExtension(seq).encode());
        if (numbered == null) {
            // A profile-defined extension leaves no room for ours: the packet goes unnumbered.
            packetsNotNumbered++;
            return packet;
        }
        next = (seq + 1) & 0xFFFF;
        packetsNumbered++;
        return numbered;
    }

    /** The sequence number the next packet gets. */
    public int nextSequenceNumber() {
        return next;
    }

    /** How many packets were numbered. */
    public long packetsNumbered() {
        return packetsNumbered;
    }

    /** How many of the numbered packets were numbered in place, without a rebuild. */
    public long packetsNumberedInPlace() {
        return packetsNumberedInPlace;
    }

    /** How many packets could not be numbered (a header extension not in RFC 8285 form). */
    public long packetsNotNumbered() {
        return packetsNotNumbered;
    }
}
