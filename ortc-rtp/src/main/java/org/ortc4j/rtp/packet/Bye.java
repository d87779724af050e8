package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BYE: goodbye (RFC 3550 §6.6), packet type 203: up to 31 sources leaving, and an optional reason.
 *
 * @param ssrcs the sources leaving
 * @param reason the reason for leaving, up to 255 bytes of UTF-8, if given
 */
public record Bye(List<Integer> ssrcs, Optional<String> reason) implements RtcpPacket {

    /** @throws IllegalArgumentException if there are more than 31 sources or the reason is too long */
    public Bye {
        ssrcs = List.copyOf(ssrcs);
        RtcpHeader.checkCount(ssrcs.size(), "BYE sources");
        if (reason.isPresent() && reason.get().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("a BYE reason is at most 255 bytes");
        }
    }

    static Bye read(int count, RtcpReader in) throws RtpParseException {
        in.need(4 * count, count + " BYE sources");
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(in.s32("BYE SSRC"));
        }
        Optional<String> reason = Optional.empty();
        if (in.remaining() > 0) {
            // RFC 3550 §6.6: "Optionally, the BYE packet MAY include an 8-bit octet count followed by
            // that many octets of text indicating the reason for leaving".
            int length = in.u8("BYE reason length");
            reason = Optional.of(in.utf8(length, "BYE reason"));
            in.skip((4 - (1 + length) % 4) % 4, "BYE reason padding");
            in.requireEnd("the BYE reason");
        }
        return new Bye(ssrcs, reason);
    }

    @Override
    public int packetType() {
        return BYE;
    }

    @Override
    public int encodedLength() {
        int reasonLength = reason.map(r -> (1 + r.getBytes(StandardCharsets.UTF_8).length + 3) & ~3).orElse(0);
        return RtcpHeader.LENGTH + 4 * ssrcs.size() + reasonLength;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int start = out.position();
        int length = encodedLength();
        RtcpHeader.write(out, false, ssrcs.size(), BYE, length);
        for (int ssrc : ssrcs) {
            out.putInt(ssrc);
        }
        if (reason.isPresent()) {
            byte[] text = reason.get().getBytes(StandardCharsets.UTF_8);
            out.put((byte) text.length);
            out.put(text);
            while (out.position() < start + length) {
                out.put((byte) 0);
            }
        }
    }
}
