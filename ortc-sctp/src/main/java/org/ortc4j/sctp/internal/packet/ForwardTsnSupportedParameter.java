package org.ortc4j.sctp.internal.packet;

import java.nio.ByteBuffer;

/** Forward-TSN-Supported parameter (RFC 3758 §3.1): type 0xC000, length 4, no value. */
public record ForwardTsnSupportedParameter() implements Parameter {

    @Override
    public int type() {
        return ParameterType.FORWARD_TSN_SUPPORTED;
    }

    @Override
    public int valueLength() {
        return 0;
    }

    @Override
    public void writeValue(ByteBuffer out) {
        // no value
    }

    static ForwardTsnSupportedParameter decode(ByteBuffer value) throws SctpParseException {
        Tlv.expectExactly(value, 0, "Forward-TSN-Supported");
        return new ForwardTsnSupportedParameter();
    }
}
