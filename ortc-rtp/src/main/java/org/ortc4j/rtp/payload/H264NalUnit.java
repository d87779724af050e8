package org.ortc4j.rtp.payload;

/** H.264 NAL unit types and RTP packet types this package reads and writes (RFC 6184 §5.2, H.264 Table 7-1). */
final class H264NalUnit {

    static final int NON_IDR_SLICE = 1;
    /** H.264 Table 7-1: "Coded slice of an IDR picture". */
    static final int IDR_SLICE = 5;
    static final int SEI = 6;
    static final int SPS = 7;
    static final int PPS = 8;
    static final int ACCESS_UNIT_DELIMITER = 9;
    static final int FILLER_DATA = 12;
    /** RFC 6184 §5.2 Table 1: 24 STAP-A, 25 STAP-B, 26 MTAP16, 27 MTAP24, 28 FU-A, 29 FU-B. */
    static final int STAP_A = 24;
    static final int STAP_B = 25;
    static final int MTAP16 = 26;
    static final int MTAP24 = 27;
    static final int FU_A = 28;
    static final int FU_B = 29;

    private H264NalUnit() {}

    static int type(int headerByte) {
        return headerByte & 0x1F;
    }
}
