package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test vectors written as hex, spaces allowed. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    static String clean(String hex) {
        return hex.replaceAll("\\s+", "");
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String of(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return of(bytes);
    }
}
