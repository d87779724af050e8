package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * APP: application-defined (RFC 3550 §6.7), packet type 204.
 *
 * @param subtype the 5-bit subtype, 0 to 31
 * @param ssrc the SSRC or CSRC of the sender
 * @param name the 4-character name (ISO-8859-1, so any 4 bytes survive a round trip)
 * @param data application-dependent data, a whole number of 32-bit words
 */
public record AppPacket(int subtype, int ssrc, String name, byte[] data) implements RtcpPacket {

    /** @throws IllegalArgumentException if a field does not fit */
    public AppPacket {
        if (subtype < 0 || subtype > 31) {
            throw new IllegalArgumentException("APP subtype is 5 bits, not " + subtype);
        }
        if (name.length() != 4 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("APP name must be 4 one-byte characters: " + name);
        }
        // RFC 3550 §6.7: "application-dependent data ... It must be a multiple of 32 bits long."
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("APP data must be whole 32-bit words, not " + data.length + " bytes");
        }
        data = data.clone();
    }

    static AppPacket read(int subtype, RtcpReader in) throws RtpParseException {
        int ssrc = in.s32("APP SSRC");
        String name = new String(in.bytes(4, "APP name"), StandardCharsets.ISO_8859_1);
        if (in.remaining() % 4 != 0) {
            throw in.error("APP data is not whole 32-bit words");
        }
        return new AppPacket(subtype, ssrc, name, in.bytes(in.remaining(), "APP data"));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int packetType() {
        return APP;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 8 + data.length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpHeader.write(out, false, subtype, APP, encodedLength());
        out.putInt(ssrc);
        out.put(name.getBytes(StandardCharsets.ISO_8859_1));
        out.put(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppPacket a && subtype == a.subtype && ssrc == a.ssrc && name.equals(a.name)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtype, ssrc, name) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AppPacket[subtype=" + subtype + ", ssrc=" + Integer.toUnsignedString(ssrc) + ", name=" + name
                + ", data=" + data.length + " bytes]";
    }
}
