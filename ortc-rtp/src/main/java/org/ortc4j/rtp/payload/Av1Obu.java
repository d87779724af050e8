package org.ortc4j.rtp.payload;

/** AV1 OBU header fields and types (AV1 bitstream specification §5.3, §6.2). */
final class Av1Obu {

    static final int SEQUENCE_HEADER = 1;
    static final int TEMPORAL_DELIMITER = 2;
    static final int TILE_LIST = 8;

    /** obu_header(): forbidden_bit(1) obu_type(4) obu_extension_flag(1) obu_has_size_field(1) reserved_1bit(1). */
    static final int FORBIDDEN_BIT = 0x80;
    static final int EXTENSION_FLAG = 0x04;
    static final int HAS_SIZE_FIELD = 0x02;

    private Av1Obu() {}

    static int type(int header) {
        return (header >>> 3) & 0x0F;
    }

    static int headerSize(int header) {
        return (header & EXTENSION_FLAG) != 0 ? 2 : 1;
    }

    /**
     * AOMedia AV1 RTP §5: "The temporal delimiter OBU, if present, SHOULD be removed when
     * transmitting, and MUST be ignored by receivers. Tile list OBUs are not supported. They SHOULD
     * be removed when transmitted, and MUST be ignored by receivers."
     */
    static boolean isDropped(int type) {
        return type == TEMPORAL_DELIMITER || type == TILE_LIST;
    }
}
