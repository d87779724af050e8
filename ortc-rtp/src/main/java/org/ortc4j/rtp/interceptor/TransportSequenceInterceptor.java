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
 */
public final class TransportSequenceInterceptor implements RtpInterceptor {

    /** The first number, as libwebrtc starts its transport sequence. */
    static final int FIRST_SEQUENCE_NUMBER = 1;

    private int next = FIRST_SEQUENCE_NUMBER;
    private long packetsNumbered;
    private long packetsNotNumbered;

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

    /** How many packets could not be numbered (a header extension not in RFC 8285 form). */
    public long packetsNotNumbered() {
        return packetsNotNumbered;
    }
}
