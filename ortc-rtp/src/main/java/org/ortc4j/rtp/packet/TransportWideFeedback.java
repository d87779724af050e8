package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1), transport-layer feedback (PT 205, FMT 15): for a range of transport-wide sequence numbers
 * ({@link TransportSequenceNumberExtension}), whether each packet arrived and, if it did, its
 * arrival time as a delta from the previous one.
 *
 * <p>On the wire the statuses are packet chunks (run-length, or status vectors of 1-bit or 2-bit
 * symbols) followed by receive deltas (1 byte unsigned, "small", or 2 bytes signed, "large", in
 * 250 µs ticks). This value holds what they say: per packet, sequence number, received or not,
 * and arrival delta. {@link #encode} chooses the chunks as libwebrtc's {@code TransportFeedback}
 * does, so two values are equal when they report the same packets, whatever chunks carried them.
 *
 * <p>Memory stays proportional to the input: statuses are held as runs of received and
 * not-received packets, and each received packet costs at least one delta byte on the wire.
 */
public final class TransportWideFeedback implements RtcpPacket {

    /** draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: FMT 15. */
    public static final int FMT = 15;
    /** §3.1.5: "The delta is represented as a multiple of 250us". */
    public static final int DELTA_TICK_MICROS = 250;
    /** §3.1: the reference time is in multiples of 64 ms. */
    public static final int REFERENCE_TIME_MICROS = 64_000;

    private static final int NOT_RECEIVED = 0;
    private static final int SMALL_DELTA = 1;
    private static final int LARGE_DELTA = 2;
    private static final int MAX_RUN_LENGTH = 0x1FFF;
    private static final int ONE_BIT_CAPACITY = 14;
    private static final int TWO_BIT_CAPACITY = 7;

    /**
     * One packet's status.
     *
     * @param sequenceNumber its transport-wide sequence number
     * @param received whether it arrived
     * @param arrivalDeltaTicks if it arrived, its arrival time minus the previous arrived packet's (or,
     *     for the first, the reference time), in 250 µs ticks; 0 if it did not
     */
    public record PacketStatus(int sequenceNumber, boolean received, int arrivalDeltaTicks) {
    }

    /** Receives the packets' statuses one by one, without allocation. */
    @FunctionalInterface
    public interface PacketVisitor {
        /** Called for each packet, in sequence number order; see {@link PacketStatus}. */
        void packet(int sequenceNumber, boolean received, int arrivalDeltaTicks);
    }

    private final int senderSsrc;
    private final int mediaSsrc;
    private final int baseSequenceNumber;
    private final int referenceTime;
    private final int feedbackPacketCount;
    private final int packetStatusCount;
    /** Runs of packets: a positive length for received packets, a negative one for lost packets. */
    private final int[] runs;
    /** One arrival delta per received packet, in ticks. */
    private final int[] deltas;

    private TransportWideFeedback(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
            int feedbackPacketCount, int packetStatusCount, int[] runs, int[] deltas) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSequenceNumber = baseSequenceNumber;
        this.referenceTime = referenceTime;
        this.feedbackPacketCount = feedbackPacketCount;
        this.packetStatusCount = packetStatusCount;
        this.runs = runs;
        this.deltas = deltas;
    }

    /**
     * A builder of feedback for packets from baseSequenceNumber on.
     *
     * @param referenceTime signed 24 bits, in 64 ms units
     * @param feedbackPacketCount the feedback packet counter, 0 to 255 (wraps)
     * @throws IllegalArgumentException if a field does not fit its width
     */
    public static Builder builder(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
            int feedbackPacketCount) {
        return new Builder(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime, feedbackPacketCount);
    }

    /** SSRC of the packet sender. */
    public int senderSsrc() {
        return senderSsrc;
    }

    /** SSRC of the media source. */
    public int mediaSsrc() {
        return mediaSsrc;
    }

    /** The transport-wide sequence number of the first packet reported on. */
    public int baseSequenceNumber() {
        return baseSequenceNumber;
    }

    /** The number of packets reported on, 1 to 65535. */
    public int packetStatusCount() {
        return packetStatusCount;
    }

    /** The reference time, signed 24 bits in 64 ms units. */
    public int referenceTime() {
        return referenceTime;
    }

    /** The reference time in microseconds. */
    public long referenceTimeMicros() {
        return (long) referenceTime * REFERENCE_TIME_MICROS;
    }

    /** The feedback packet count, 0 to 255. */
    public int feedbackPacketCount() {
        return feedbackPacketCount;
    }

    /** The number of packets reported as received. */
    public int receivedCount() {
        return deltas.length;
    }

    /** Visits every packet's status in sequence number order. */
    public void forEachPacket(PacketVisitor visitor) {
        int seq = baseSequenceNumber;
        int delta = 0;
        for (int run : runs) {
            for (int i = 0; i < Math.abs(run); i++) {
                visitor.packet(seq, run > 0, run > 0 ? deltas[delta++] : 0);
                seq = (seq + 1) & 0xFFFF;
            }
        }
    }

    /** Every packet's status in sequence number order. */
    public List<PacketStatus> packets() {
        List<PacketStatus> packets = new ArrayList<>(packetStatusCount);
        forEachPacket((seq, received, delta) -> packets.add(new PacketStatus(seq, received, delta)));
        return packets;
    }

    static TransportWideFeedback read(RtcpReader in) throws RtpParseException {
        int sender = in.s32("sender SSRC");
        int media = in.s32("media SSRC");
        int base = in.u16("base sequence number");
        int count = in.u16("packet status count");
        // §3.1: "reference time: 24 bits Signed integer".
        int referenceTime = in.u24("reference time") << 8 >> 8;
        int feedbackCount = in.u8("feedback packet count");
        if (count == 0) {
            throw in.error("transport-wide feedback reports on no packet");
        }
        // Pass 1: the chunks, until they cover the packet status count (§3.1.1; the last chunk's
        // symbols past the count are unused).
        int[] chunks = new int[in.remaining() / 2];
        int chunkCount = 0;
        int covered = 0;
        while (covered < count) {
            int chunk = in.u16("packet chunk");
            chunks[chunkCount++] = chunk;
            covered += symbolsIn(chunk);
        }
        // Pass 2: the symbols, reading one receive delta per received packet (§3.1.5).
        Runs runs = new Runs();
        int left = count;
        for (int c = 0; c < chunkCount && left > 0; c++) {
            int chunk = chunks[c];
            int n = Math.min(left, symbolsIn(chunk));
            for (int i = 0; i < n; i++) {
                int symbol = symbol(chunk, i);
                switch (symbol) {
                    case NOT_RECEIVED -> runs.add(false, 0);
                    case SMALL_DELTA -> runs.add(true, in.u8("small receive delta"));
                    case LARGE_DELTA -> runs.add(true, in.s16("large receive delta"));
                    default -> throw in.error("packet status symbol 3 is reserved");
                }
            }
            left -= n;
        }
        // Zero bytes may align the packet to 32 bits without the padding bit.
        if (in.remaining() > 3) {
            throw in.error(in.remaining() + " bytes after the receive deltas");
        }
        return new TransportWideFeedback(sender, media, base, referenceTime, feedbackCount, count, runs.runs(),
                runs.deltas());
    }

    private static int symbolsIn(int chunk) {
        if ((chunk & 0x8000) == 0) {
            // §3.1.3 run length chunk: T=0, S (2 bits), run length (13 bits).
            return chunk & MAX_RUN_LENGTH;
        }
        // §3.1.4 status vector chunk: T=1, S=0: 14 one-bit symbols; S=1: 7 two-bit symbols.
        return (chunk & 0x4000) == 0 ? ONE_BIT_CAPACITY : TWO_BIT_CAPACITY;
    }

    private static int symbol(int chunk, int index) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 3;
        }
        if ((chunk & 0x4000) == 0) {
            // §3.1.4: "0 means Packet not received, 1 means Packet received, small delta".
            return (chunk >>> (13 - index)) & 1;
        }
        return (chunk >>> (2 * (6 - index))) & 3;
    }

    private int[] encodeChunks() {
        ChunkEncoder encoder = new ChunkEncoder();
        int delta = 0;
        for (int run : runs) {
            for (int i = 0; i < Math.abs(run); i++) {
                encoder.add(run > 0 ? deltaSize(deltas[delta++]) : NOT_RECEIVED);
            }
        }
        return encoder.finish();
    }

    private static int deltaSize(int ticks) {
        return ticks >= 0 && ticks <= 0xFF ? SMALL_DELTA : LARGE_DELTA;
    }

    private int deltaBytes() {
        int bytes = 0;
        for (int delta : deltas) {
            bytes += deltaSize(delta);
        }
        return bytes;
    }

    private int unpaddedLength(int chunkCount) {
        return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_SSRCS + 8 + 2 * chunkCount + deltaBytes();
    }

    @Override
    public int packetType() {
        return RTPFB;
    }

    @Override
    public int encodedLength() {
        return (unpaddedLength(encodeChunks().length) + 3) & ~3;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int[] chunks = encodeChunks();
        int unpadded = unpaddedLength(chunks.length);
        int length = (unpadded + 3) & ~3;
        // libwebrtc pads the deltas to 32 bits with RFC 3550 padding (the P bit and a count).
        RtcpHeader.write(out, length > unpadded, FMT, RTPFB, length);
        out.putInt(senderSsrc);
        out.putInt(mediaSsrc);
        out.putShort((short) baseSequenceNumber);
        out.putShort((short) packetStatusCount);
        out.putInt(referenceTime << 8 | feedbackPacketCount);
        for (int chunk : chunks) {
            out.putShort((short) chunk);
        }
        for (int delta : deltas) {
            if (deltaSize(delta) == SMALL_DELTA) {
                out.put((byte) delta);
            } else {
                out.putShort((short) delta);
            }
        }
        if (length > unpadded) {
            for (int i = unpadded + 1; i < length; i++) {
                out.put((byte) 0);
            }
            out.put((byte) (length - unpadded));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportWideFeedback f && senderSsrc == f.senderSsrc && mediaSsrc == f.mediaSsrc
                && baseSequenceNumber == f.baseSequenceNumber && referenceTime == f.referenceTime
                && feedbackPacketCount == f.feedbackPacketCount && packetStatusCount == f.packetStatusCount
                && Arrays.equals(runs, f.runs) && Arrays.equals(deltas, f.deltas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime, feedbackPacketCount,
                packetStatusCount) * 31 + Arrays.hashCode(deltas);
    }

    @Override
    public String toString() {
        return "TransportWideFeedback[sender=" + Integer.toUnsignedString(senderSsrc) + ", media="
                + Integer.toUnsignedString(mediaSsrc) + ", base=" + baseSequenceNumber + ", count="
                + packetStatusCount + ", received=" + deltas.length + ", referenceTime=" + referenceTime
                + ", fbCount=" + feedbackPacketCount + "]";
    }

    /** Collects statuses as runs, merging neighbours of the same kind. */
    private static final class Runs {
        private int[] runs = new int[8];
        private int runCount;
        private int[] deltas = new int[8];
        private int deltaCount;

        void add(boolean received, int delta) {
            int last = runCount == 0 ? 0 : runs[runCount - 1];
            if (runCount > 0 && (last > 0) == received) {
                runs[runCount - 1] += received ? 1 : -1;
            } else {
                if (runCount == runs.length) {
                    runs = Arrays.copyOf(runs, 2 * runCount);
                }
                runs[runCount++] = received ? 1 : -1;
            }
            if (received) {
                if (deltaCount == deltas.length) {
                    deltas = Arrays.copyOf(deltas, 2 * deltaCount);
                }
                deltas[deltaCount++] = delta;
            }
        }

        int count() {
            int count = 0;
            for (int i = 0; i < runCount; i++) {
                count += Math.abs(runs[i]);
            }
            return count;
        }

        int[] runs() {
            return Arrays.copyOf(runs, runCount);
        }

        int[] deltas() {
            return Arrays.copyOf(deltas, deltaCount);
        }
    }

    /**
     * Chooses packet chunks as libwebrtc's {@code TransportFeedback::LastChunk} does: symbols gather
     * while a 2-bit vector (7), a 1-bit vector (14, no large delta) or a run (8191 equal symbols) can
     * hold them; when none can, the gathered symbols go out as a run if all equal, a full 1-bit vector,
     * or a 2-bit vector of the first 7.
     */
    private static final class ChunkEncoder {
        private final int[] sizes = new int[ONE_BIT_CAPACITY];
        private int size;
        private boolean allSame = true;
        private boolean hasLarge;
        private int[] chunks = new int[8];
        private int chunkCount;

        void add(int symbol) {
            if (!canAdd(symbol)) {
                emit();
            }
            if (size < ONE_BIT_CAPACITY) {
                sizes[size] = symbol;
            }
            allSame = allSame && (size == 0 || symbol == sizes[0]);
            hasLarge |= symbol == LARGE_DELTA;
            size++;
        }

        private boolean canAdd(int symbol) {
            if (size < TWO_BIT_CAPACITY) {
                return true;
            }
            if (size < ONE_BIT_CAPACITY && !hasLarge && symbol != LARGE_DELTA) {
                return true;
            }
            return size < MAX_RUN_LENGTH && allSame && sizes[0] == symbol;
        }

        private void emit() {
            if (allSame) {
                put(runLength());
                clear();
            } else if (size == ONE_BIT_CAPACITY) {
                put(oneBit(ONE_BIT_CAPACITY));
                clear();
            } else {
                put(twoBit(TWO_BIT_CAPACITY));
                int rest = size - TWO_BIT_CAPACITY;
                System.arraycopy(sizes, TWO_BIT_CAPACITY, sizes, 0, rest);
                size = rest;
                allSame = true;
                hasLarge = false;
                for (int i = 0; i < size; i++) {
                    allSame &= sizes[i] == sizes[0];
                    hasLarge |= sizes[i] == LARGE_DELTA;
                }
            }
        }

        int[] finish() {
            if (size > 0) {
                if (allSame) {
                    put(runLength());
                } else if (size <= TWO_BIT_CAPACITY) {
                    put(twoBit(size));
                } else {
                    put(oneBit(size));
                }
            }
            return Arrays.copyOf(chunks, chunkCount);
        }

        private void clear() {
            size = 0;
            allSame = true;
            hasLarge = false;
        }

        private int runLength() {
            return sizes[0] << 13 | size;
        }

        private int oneBit(int count) {
            int chunk = 0x8000;
            for (int i = 0; i < count; i++) {
                chunk |= sizes[i] << (13 - i);
            }
            return chunk;
        }

        private int twoBit(int count) {
            int chunk = 0xC000;
            for (int i = 0; i < count; i++) {
                chunk |= sizes[i] << (2 * (6 - i));
            }
            return chunk;
        }

        private void put(int chunk) {
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, 2 * chunkCount);
            }
            chunks[chunkCount++] = chunk;
        }
    }

    /** Builds feedback packet by packet, from the base sequence number on. */
    public static final class Builder {
        private final int senderSsrc;
        private final int mediaSsrc;
        private final int baseSequenceNumber;
        private final int referenceTime;
        private final int feedbackPacketCount;
        private final Runs runs = new Runs();
        private int count;

        private Builder(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
                int feedbackPacketCount) {
            if (baseSequenceNumber < 0 || baseSequenceNumber > 0xFFFF) {
                throw new IllegalArgumentException("base sequence number is 16 bits, not " + baseSequenceNumber);
            }
            if (referenceTime < -(1 << 23) || referenceTime >= 1 << 23) {
                throw new IllegalArgumentException("reference time is signed 24 bits, not " + referenceTime);
            }
            if (feedbackPacketCount < 0 || feedbackPacketCount > 255) {
                throw new IllegalArgumentException("feedback packet count is 8 bits, not " + feedbackPacketCount);
            }
            this.senderSsrc = senderSsrc;
            this.mediaSsrc = mediaSsrc;
            this.baseSequenceNumber = baseSequenceNumber;
            this.referenceTime = referenceTime;
            this.feedbackPacketCount = feedbackPacketCount;
        }

        /**
         * Reports the next packet as received.
         *
         * @param arrivalDeltaTicks its arrival time minus the previous received packet's (or the
         *     reference time), in 250 µs ticks, -32768 to 32767
         */
        public Builder addReceived(int arrivalDeltaTicks) {
            if (arrivalDeltaTicks < Short.MIN_VALUE || arrivalDeltaTicks > Short.MAX_VALUE) {
                throw new IllegalArgumentException("a receive delta is signed 16 bits of 250 µs, not " + arrivalDeltaTicks);
            }
            checkRoom();
            runs.add(true, arrivalDeltaTicks);
            count++;
            return this;
        }

        /** Reports the next packet as not received. */
        public Builder addNotReceived() {
            checkRoom();
            runs.add(false, 0);
            count++;
            return this;
        }

        private void checkRoom() {
            if (count == 0xFFFF) {
                throw new IllegalStateException("the packet status count is 16 bits");
            }
        }

        /**
         * The feedback.
         *
         * @throws IllegalStateException if no packet was added
         */
        public TransportWideFeedback build() {
            if (count == 0) {
                throw new IllegalStateException("transport-wide feedback reports on at least one packet");
            }
            return new TransportWideFeedback(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime,
                    feedbackPacketCount, runs.count(), runs.runs(), runs.deltas());
        }
    }
}
