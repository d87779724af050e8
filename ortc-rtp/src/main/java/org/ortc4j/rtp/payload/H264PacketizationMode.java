package org.ortc4j.rtp.payload;

/** The H.264 packetization modes of RFC 6184 §6 that WebRTC uses ({@code packetization-mode} in SDP). */
public enum H264PacketizationMode {
    /** RFC 6184 §6.2, packetization-mode=0: single NAL unit packets only. */
    SINGLE_NAL_UNIT(0),
    /** RFC 6184 §6.3, packetization-mode=1: single NAL unit packets, STAP-A and FU-A. */
    NON_INTERLEAVED(1);

    private final int value;

    H264PacketizationMode(int value) {
        this.value = value;
    }

    /** The value of the SDP {@code packetization-mode} parameter. */
    public int value() {
        return value;
    }
}
