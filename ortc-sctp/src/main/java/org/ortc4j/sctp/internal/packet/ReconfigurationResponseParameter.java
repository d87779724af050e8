package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Re-configuration Response parameter (RFC 6525 §4.4).
 *
 * @param responseSequenceNumber the request this answers
 * @param result one of the {@code RESULT_*} codes
 * @param sendersNextTsn optional, present together with {@code receiversNextTsn} (unsigned 32 bits)
 * @param receiversNextTsn optional, present together with {@code sendersNextTsn} (unsigned 32 bits)
 */
public record ReconfigurationResponseParameter(int responseSequenceNumber, int result, OptionalLong sendersNextTsn,
        OptionalLong receiversNextTsn) implements Parameter {

    /** RFC 6525 §4.4 result codes. */
    public static final int RESULT_SUCCESS_NOTHING_TO_DO = 0;
    public static final int RESULT_SUCCESS_PERFORMED = 1;
    public static final int RESULT_DENIED = 2;
    public static final int RESULT_ERROR_WRONG_SSN = 3;
    public static final int RESULT_ERROR_REQUEST_ALREADY_IN_PROGRESS = 4;
    public static final int RESULT_ERROR_BAD_SEQUENCE_NUMBER = 5;
    public static final int RESULT_IN_PROGRESS = 6;

    /** A response without the optional TSNs. */
    public ReconfigurationResponseParameter(int responseSequenceNumber, int result) {
        this(responseSequenceNumber, result, OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * RFC 6525 §4.4: the Sender's and Receiver's Next TSN are optional and appear together
     * (answering an SSN/TSN Reset Request).
     */
    public ReconfigurationResponseParameter {
        if (sendersNextTsn.isPresent() != receiversNextTsn.isPresent()) {
            throw new IllegalArgumentException("sender's and receiver's next TSN come together");
        }
        if (sendersNextTsn.isPresent() && ((sendersNextTsn.getAsLong() >>> 32) != 0
                || (receiversNextTsn.getAsLong() >>> 32) != 0)) {
            throw new IllegalArgumentException("next TSNs are unsigned 32-bit values");
        }
    }

    @Override
    public int type() {
        return ParameterType.RECONFIGURATION_RESPONSE;
    }

    @Override
    public int valueLength() {
        return sendersNextTsn.isPresent() ? 16 : 8;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(responseSequenceNumber).putInt(result);
        if (sendersNextTsn.isPresent()) {
            out.putInt((int) sendersNextTsn.getAsLong()).putInt((int) receiversNextTsn.getAsLong());
        }
    }

    static ReconfigurationResponseParameter decode(ByteBuffer value) throws SctpParseException {
        if (value.remaining() != 8 && value.remaining() != 16) {
            throw new SctpParseException("Re-configuration Response: " + value.remaining() + " bytes, expected 8 or 16");
        }
        int seq = value.getInt();
        int result = value.getInt();
        if (!value.hasRemaining()) {
            return new ReconfigurationResponseParameter(seq, result);
        }
        return new ReconfigurationResponseParameter(seq, result, OptionalLong.of(Integer.toUnsignedLong(value.getInt())),
                OptionalLong.of(Integer.toUnsignedLong(value.getInt())));
    }
}
