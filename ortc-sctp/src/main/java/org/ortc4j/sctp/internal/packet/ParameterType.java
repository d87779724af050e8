package org.ortc4j.sctp.internal.packet;

/** Parameter type codes this codec models. */
public final class ParameterType {
    /** RFC 9260 §3.3.3.1. */
    public static final int STATE_COOKIE = 7;
    /** RFC 6525 §4.1. */
    public static final int OUTGOING_SSN_RESET_REQUEST = 13;
    /** RFC 6525 §4.2. */
    public static final int INCOMING_SSN_RESET_REQUEST = 14;
    /** RFC 6525 §4.4. */
    public static final int RECONFIGURATION_RESPONSE = 16;
    /** RFC 9653 §4. */
    public static final int ZERO_CHECKSUM_ACCEPTABLE = 0x8001;
    /** RFC 5061 §4.2.7. */
    public static final int SUPPORTED_EXTENSIONS = 0x8008;
    /** RFC 3758 §3.1. */
    public static final int FORWARD_TSN_SUPPORTED = 0xC000;

    private ParameterType() {
    }
}
