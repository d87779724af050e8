package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/**
 * Zero Checksum Acceptable parameter (RFC 9653 §4): type 0x8001, length 8, the Error Detection
 * Method Identifier the sender relies on instead of CRC32c.
 *
 * @param errorDetectionMethod EDMID; {@link #DTLS} for SCTP over DTLS
 */
public record ZeroChecksumAcceptableParameter(int errorDetectionMethod) implements Parameter {

    /** RFC 9653 §7: EDMID 1, "SCTP over DTLS" (RFC 8261). */
    public static final int DTLS = 1;

    @Override
    public int type() {
        return ParameterType.ZERO_CHECKSUM_ACCEPTABLE;
    }

    @Override
    public int valueLength() {
        return 4;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        out.putInt(errorDetectionMethod);
    }

    static ZeroChecksumAcceptableParameter decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectExactly(value, 4, "Zero Checksum Acceptable");
        return new ZeroChecksumAcceptableParameter(value.getInt());
    }
}
