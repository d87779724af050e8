package org.ortc4j.rtp.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.MID;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.MID_ID;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.TWCC;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.TWCC_ID;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.stream;
import static org.ortc4j.rtp.interceptor.TwccSequenceTest.transportSequenceNumber;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.ortc4j.ice.net.VirtualScheduler;
import org.ortc4j.rtp.packet.RtpPacket;
import org.ortc4j.rtp.packet.RtpPacketBuilder;
import org.ortc4j.rtp.packet.RtpParseException;

/**
 * {@link TransportSequenceInterceptor} writes the transport-wide sequence number into a packet's
 * own 2-byte slot instead of rebuilding it, and the bytes on the wire are the ones the rebuild
 * gives, in both RFC 8285 forms; whatever has no slot is still rebuilt.
 */
class TransportSequenceInPlaceTest {

    private final List<RtpPacket> inPlaceWire = new ArrayList<>();
    private final List<RtpPacket> rebuiltWire = new ArrayList<>();
    private final TransportSequenceInterceptor inPlace = create();
    private final TransportSequenceInterceptor rebuilding = create();

    private static TransportSequenceInterceptor create() {
        return (TransportSequenceInterceptor) TransportSequenceInterceptor.factory()
                .create(new RtpInterceptorContext(new VirtualScheduler(), 0));
    }

    /** A sender's packet with the slot reserved last, as RtpStreamSender writes it. */
    private static RtpPacketBuilder withSlot(int seq, boolean twoByte) {
        RtpPacketBuilder builder = RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(seq * 3000L)
                .ssrc(0x5EED).marker(seq % 3 == 0).addCsrc(7).addExtension(MID_ID, new byte[] {'v', '1'})
                .payload(new byte[] {(byte) seq, 2, 3, 4, 5});
        if (twoByte) {
            // RFC 8285 §4.3: the two-byte form, with an element too long for the one-byte form.
            builder.extensionProfile(RtpPacket.TWO_BYTE_PROFILE).addExtension(9, new byte[20]);
        }
        return builder.addExtension(TWCC_ID, new byte[2]);
    }

    private static RtpPacket parse(byte[] bytes, boolean readOnly) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return RtpPacket.parse(readOnly ? buffer.asReadOnlyBuffer() : buffer);
        } catch (RtpParseException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytesOf(RtpPacket packet) {
        return packet.toBuilder().toByteArray();
    }

    /**
     * Sends packets through both interceptors: one writable buffer per packet for the in-place
     * path, a read-only copy (which it may not write) for the rebuild, and compares the wire
     * bytes. (The counter and its wrap are TwccSequenceTest's.)
     */
    private void sameBytesBothWays(IntFunction<RtpPacketBuilder> packets) {
        RtpOutput fast = inPlace.bindLocalStream(stream(1, "video", MID, TWCC), inPlaceWire::add);
        RtpOutput slow = rebuilding.bindLocalStream(stream(1, "video", MID, TWCC), rebuiltWire::add);
        int count = 3_000;
        for (int i = 0; i < count; i++) {
            byte[] original = packets.apply(i).toByteArray();
            byte[] writable = original.clone();
            fast.write(parse(writable, false));
            slow.write(parse(original.clone(), true));
            RtpPacket numbered = inPlaceWire.get(0);
            RtpPacket rebuilt = rebuiltWire.get(0);
            // The number is in the caller's own buffer: the very bytes that go on to SRTP.
            if (!Arrays.equals(writable, bytesOf(rebuilt)) || !Arrays.equals(bytesOf(numbered), writable)
                    || transportSequenceNumber(numbered) != i + 1 || transportSequenceNumber(rebuilt) != i + 1) {
                assertThat(writable).as("packet %d", i).isEqualTo(bytesOf(rebuilt));
                assertThat(transportSequenceNumber(numbered)).as("packet %d", i).isEqualTo(i + 1);
                assertThat(transportSequenceNumber(rebuilt)).as("packet %d", i).isEqualTo(i + 1);
            }
            inPlaceWire.clear();
            rebuiltWire.clear();
        }
        assertThat(inPlace.packetsNumbered()).isEqualTo(count);
        assertThat(inPlace.packetsNumberedInPlace()).isEqualTo(count);
        assertThat(rebuilding.packetsNumbered()).isEqualTo(count);
        assertThat(rebuilding.packetsNumberedInPlace()).isZero();
    }

    @Test
    void oneByteFormInPlaceGivesTheRebuiltPacketsBytes() {
        sameBytesBothWays(seq -> withSlot(seq, false));
        RtpPacket sample = parse(withSlot(1, false).toByteArray(), false);
        assertThat(sample.extensionProfile()).isEqualTo(RtpPacket.ONE_BYTE_PROFILE);
    }

    @Test
    void twoByteFormInPlaceGivesTheRebuiltPacketsBytes() {
        sameBytesBothWays(seq -> withSlot(seq, true));
        RtpPacket sample = parse(withSlot(1, true).toByteArray(), false);
        assertThat(sample.extensionProfile() & 0xFFF0).isEqualTo(RtpPacket.TWO_BYTE_PROFILE);
    }

    @Test
    void packetsWithoutASlotOrWithOneOfAnotherSizeAreStillRebuilt() {
        RtpOutput out = inPlace.bindLocalStream(stream(1, "video", MID, TWCC), inPlaceWire::add);
        // No element at all: added by the rebuild.
        byte[] noSlot = RtpPacket.builder().payloadType(96).sequenceNumber(1).timestamp(1).ssrc(1)
                .addExtension(MID_ID, new byte[] {'a'}).payload(new byte[] {1}).toByteArray();
        out.write(parse(noSlot.clone(), false));
        // An element of 3 bytes (not the draft's 2): replaced by a 2-byte one.
        byte[] wrongSize = RtpPacket.builder().payloadType(96).sequenceNumber(2).timestamp(2).ssrc(1)
                .addExtension(TWCC_ID, new byte[] {9, 9, 9}).payload(new byte[] {2}).toByteArray();
        byte[] wrongSizeBuffer = wrongSize.clone();
        out.write(parse(wrongSizeBuffer, false));

        assertThat(inPlaceWire).hasSize(2);
        assertThat(transportSequenceNumber(inPlaceWire.get(0))).isEqualTo(1);
        assertThat(transportSequenceNumber(inPlaceWire.get(1))).isEqualTo(2);
        assertThat(inPlaceWire.get(1).extension(TWCC_ID).remaining()).isEqualTo(2);
        // The caller's buffer was left alone.
        assertThat(wrongSizeBuffer).isEqualTo(wrongSize);
        assertThat(inPlace.packetsNumbered()).isEqualTo(2);
        assertThat(inPlace.packetsNumberedInPlace()).isZero();
    }

    @Test
    void overwriteExtensionChangesOnlyThatElementsBytes() {
        byte[] bytes = withSlot(5, false).toByteArray();
        byte[] before = bytes.clone();
        RtpPacket packet = parse(bytes, false);

        assertThat(packet.overwriteExtension(TWCC_ID, new byte[] {(byte) 0xAB, (byte) 0xCD})).isTrue();
        assertThat(packet.overwriteExtension(TWCC_ID, new byte[] {1})).isFalse();
        assertThat(packet.overwriteExtension(14, new byte[] {1, 2})).isFalse();
        assertThat(parse(before.clone(), true).overwriteExtension(TWCC_ID, new byte[2])).isFalse();

        int changed = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != before[i]) {
                changed++;
            }
        }
        assertThat(changed).isEqualTo(2);
        assertThat(transportSequenceNumber(packet)).isEqualTo(0xABCD);
        assertThat(packet.extension(MID_ID)).isEqualTo(ByteBuffer.wrap(new byte[] {'v', '1'}));
    }
}
