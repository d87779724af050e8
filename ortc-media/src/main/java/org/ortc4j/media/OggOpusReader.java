package org.ortc4j.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.ortc4j.media.internal.OggPage;
import org.ortc4j.media.internal.OpusToc;
import org.ortc4j.media.internal.StreamInput;

/**
 * Reads Opus in Ogg ({@code .opus}, RFC 7845) as {@code audio/opus} {@link EncodedFrame}s: checks
 * every page's CRC, reassembles packets across pages, reads the {@code OpusHead} and
 * {@code OpusTags} headers, and follows the first logical stream (pages of other streams are
 * skipped). Frame pts count 48 kHz samples from the first decoded sample; the first
 * {@link #preSkip()} decoded samples are to be discarded (RFC 7845 §4.2).
 */
public final class OggOpusReader implements AutoCloseable {

    private static final TimeBase CLOCK = TimeBase.ofRate(48_000);
    /** Opus packets are at most a few kB; headers with large tags up to this. */
    private static final int MAX_PACKET = 1 << 20;

    private final StreamInput in;
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean inPacket;
    private Integer serial;
    private boolean ended;
    private int channels;
    private int preSkip;
    private long inputSampleRate;
    private int outputGain;
    private long samples;

    private OggOpusReader(StreamInput in) {
        this.in = in;
    }

    /** Opens a file. */
    public static OggOpusReader open(Path path) throws IOException {
        InputStream stream = Files.newInputStream(path);
        try {
            return open(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Reads the two header packets.
     *
     * @throws MediaFormatException if the stream is not Ogg Opus
     */
    public static OggOpusReader open(InputStream stream) throws IOException {
        OggOpusReader reader = new OggOpusReader(new StreamInput(stream));
        reader.readOpusHead(reader.requirePacket("OpusHead"));
        byte[] tags = reader.requirePacket("OpusTags");
        // RFC 7845 §5.2: "Magic Signature: This is an 8-octet (64-bit) field that allows codec identification."
        if (tags.length < 16 || !new String(tags, 0, 8, StandardCharsets.ISO_8859_1).equals("OpusTags")) {
            throw new MediaFormatException("second packet is not OpusTags");
        }
        long vendorLength = Integer.toUnsignedLong(ByteBuffer.wrap(tags).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        if (vendorLength > tags.length - 16) {
            throw new MediaFormatException("OpusTags vendor string of " + vendorLength + " bytes overruns the packet");
        }
        return reader;
    }

    private byte[] requirePacket(String what) throws IOException {
        byte[] packet = nextPacket();
        if (packet == null) {
            throw new MediaFormatException("Ogg stream ends before " + what);
        }
        return packet;
    }

    // RFC 7845 §5.1: magic "OpusHead", version, channel count, pre-skip, input sample rate,
    // output gain, channel mapping family, and for family != 0 a mapping table.
    private void readOpusHead(byte[] head) throws MediaFormatException {
        if (head.length < 19 || !new String(head, 0, 8, StandardCharsets.ISO_8859_1).equals("OpusHead")) {
            throw new MediaFormatException("first packet is not OpusHead");
        }
        // RFC 7845 §5.1: "treat streams where the upper four bits of the version number match
        // that of a recognized specification as backwards compatible".
        int version = head[8] & 0xFF;
        if ((version & 0xF0) != 0) {
            throw new MediaFormatException("OpusHead version " + version + " is not compatible");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        channels = head[9] & 0xFF;
        preSkip = b.getShort(10) & 0xFFFF;
        inputSampleRate = Integer.toUnsignedLong(b.getInt(12));
        outputGain = b.getShort(16);
        int family = head[18] & 0xFF;
        if (channels == 0) {
            throw new MediaFormatException("OpusHead with 0 channels");
        }
        if (family == 0 && channels > 2) {
            throw new MediaFormatException("mapping family 0 with " + channels + " channels");
        }
        if (family != 0 && head.length < 21 + channels) {
            throw new MediaFormatException("OpusHead too short for its channel mapping table");
        }
    }

    /** Output channels (1 or 2 for mapping family 0). */
    public int channels() {
        return channels;
    }

    /** Samples at 48 kHz to discard from the start of the decoded output. */
    public int preSkip() {
        return preSkip;
    }

    /** Sample rate of the original input, informational (0 when unspecified). */
    public long inputSampleRate() {
        return inputSampleRate;
    }

    /** Output gain in Q7.8 dB. */
    public int outputGain() {
        return outputGain;
    }

    /** The next audio packet, or null at the end of the stream. */
    public EncodedFrame readFrame() throws IOException {
        byte[] packet = nextPacket();
        if (packet == null) {
            return null;
        }
        int duration = OpusToc.samples(packet);
        if (duration < 0) {
            throw new MediaFormatException("Opus packet without a valid TOC at byte " + in.position());
        }
        EncodedFrame frame = new EncodedFrame("audio/opus", packet, true, samples, CLOCK, duration);
        samples += duration;
        return frame;
    }

    private byte[] nextPacket() throws IOException {
        while (ready.isEmpty()) {
            if (ended) {
                return null;
            }
            OggPage page = OggPage.read(in);
            if (page == null) {
                if (inPacket) {
                    throw new MediaFormatException("Ogg stream ends inside a packet");
                }
                ended = true;
                return null;
            }
            if (serial == null) {
                if ((page.flags() & OggPage.BEGIN_OF_STREAM) == 0) {
                    throw new MediaFormatException("first Ogg page is not a beginning of stream");
                }
                serial = page.serial();
            } else if (page.serial() != serial) {
                continue;
            }
            takePackets(page);
            if ((page.flags() & OggPage.END_OF_STREAM) != 0) {
                if (inPacket) {
                    throw new MediaFormatException("Ogg stream ends inside a packet");
                }
                ended = true;
            }
        }
        return ready.poll();
    }

    private void takePackets(OggPage page) throws MediaFormatException {
        boolean continued = (page.flags() & OggPage.CONTINUED) != 0;
        // RFC 3533 §6: a continued page carries the rest of the previous page's last packet.
        if (continued != inPacket) {
            throw new MediaFormatException("Ogg page " + page.sequence() + (continued
                    ? " continues a packet that never started" : " does not continue the unfinished packet"));
        }
        int at = 0;
        for (int value : page.lacing()) {
            if (partial.size() + value > MAX_PACKET) {
                throw new MediaFormatException("Ogg packet over " + MAX_PACKET + " bytes");
            }
            partial.write(page.body(), at, value);
            at += value;
            inPacket = true;
            if (value < 255) {
                ready.add(partial.toByteArray());
                partial.reset();
                inPacket = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
