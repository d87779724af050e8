package org.ortc4j.sctp.internal.dcep;

/**
 * SCTP Payload Protocol Identifiers of WebRTC data channels (RFC 8831 §8, RFC 8832 §8.1), and the
 * one-byte stand-in for empty messages (RFC 8831 §6.6).
 */
public final class PayloadProtocolId {

    /** 50: WebRTC DCEP (RFC 8832). */
    public static final int DCEP = 50;
    /** 51: WebRTC String (UTF-8). */
    public static final int STRING = 51;
    /** 52: WebRTC String Partial, deprecated (RFC 8831 §8). */
    public static final int STRING_PARTIAL = 52;
    /** 53: WebRTC Binary. */
    public static final int BINARY = 53;
    /** 54: WebRTC Binary Partial, deprecated (RFC 8831 §8). */
    public static final int BINARY_PARTIAL = 54;
    /** 56: WebRTC String Empty. */
    public static final int STRING_EMPTY = 56;
    /** 57: WebRTC Binary Empty. */
    public static final int BINARY_EMPTY = 57;

    private static final byte[] EMPTY_MESSAGE_PAYLOAD = {0};

    private PayloadProtocolId() {}

    /**
     * The PPID a user message is sent with.
     *
     * <p>RFC 8831 §6.6: SCTP cannot send an empty user message, so an empty message goes out with
     * the PPID WebRTC String Empty or WebRTC Binary Empty and a user message of one zero byte.
     *
     * @param binary whether the message is binary (else a string)
     * @param length the message length in bytes
     */
    public static int forMessage(boolean binary, int length) {
        if (length == 0) {
            return binary ? BINARY_EMPTY : STRING_EMPTY;
        }
        return binary ? BINARY : STRING;
    }

    /**
     * The SCTP payload for a user message: the message itself, or one zero byte when it is empty
     * (RFC 8831 §6.6).
     */
    public static byte[] payloadFor(byte[] message) {
        return message.length == 0 ? EMPTY_MESSAGE_PAYLOAD.clone() : message;
    }

    /** Whether a PPID marks an empty message, whose one-byte payload is to be ignored. */
    public static boolean isEmpty(int ppid) {
        return ppid == STRING_EMPTY || ppid == BINARY_EMPTY;
    }

    /** Whether a received PPID carries a string (51, 52, 56); RFC 8831 §8 lists 52 as deprecated. */
    public static boolean isString(int ppid) {
        return ppid == STRING || ppid == STRING_PARTIAL || ppid == STRING_EMPTY;
    }

    /** Whether a received PPID carries binary data (53, 54, 57). */
    public static boolean isBinary(int ppid) {
        return ppid == BINARY || ppid == BINARY_PARTIAL || ppid == BINARY_EMPTY;
    }

    /**
     * Whether a PPID is one of the deprecated partial ones (52, 54): RFC 8831 §8 notes them as
     * deprecated; a receiver treats the data as a (partial) message of its type rather than failing.
     */
    public static boolean isDeprecatedPartial(int ppid) {
        return ppid == STRING_PARTIAL || ppid == BINARY_PARTIAL;
    }

    /**
     * The user message carried by a received payload: empty for the empty PPIDs, else the payload.
     */
    public static byte[] messageFrom(int ppid, byte[] payload) {
        return isEmpty(ppid) ? new byte[0] : payload;
    }
}
