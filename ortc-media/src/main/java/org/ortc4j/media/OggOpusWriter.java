package org.ortc4j.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.ortc4j.media.internal.ChannelOutput;
import org.ortc4j.media.internal.OggPage;
import org.ortc4j.media.internal.OpusToc;

/**
 * Writes {@code audio/opus} {@link EncodedFrame}s as Opus in Ogg (RFC 7845): an {@code OpusHead}
 * page, an {@code OpusTags} page, then one audio packet per page with the granule position of
 * the samples decoded so far. The last page is marked end-of-stream on close.
 */
public final class OggOpusWriter implements AutoCloseable {

    /** The encoder delay of Opus encoders at 48 kHz (6.5 ms), the usual pre-skip. */
    public static final int DEFAULT_PRE_SKIP = 312;
    private static final String VENDOR = "ortc4j";

    private final ChannelOutput out;
    private final int serial;
    private int sequence;
    private long granule;
    private byte[] heldPacket;
    private long heldGranule;

    /**
     * A writer of a stream of {@code channels} (1 or 2) channels with {@code preSkip} samples to
     * skip at 48 kHz; writes the OpusHead page now.
     */
    public OggOpusWriter(WritableByteChannel channel, int channels, int preSkip) throws IOException {
        if (channels < 1 || channels > 2 || preSkip < 0 || preSkip > 0xFFFF) {
            throw new IllegalArgumentException("channels " + channels + ", pre-skip " + preSkip);
        }
        this.out = new ChannelOutput(channel);
        this.serial = new Random().nextInt();
        // RFC 7845 §5.1: version 1, channel mapping family 0 (mono or stereo, no table).
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) channels)
                .putShort((short) preSkip).putInt(48_000).putShort((short) 0).put((byte) 0);
        // RFC 7845 §3: "The first page ... MUST contain exactly one packet ... the identification header".
        out.write(OggPage.ofPacket(OggPage.BEGIN_OF_STREAM, 0, serial, sequence++, head.array()).toBytes());
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0);
        // Held back, like every packet, so that close() can mark the last page end-of-stream.
        heldPacket = tags.array();
        heldGranule = 0;
    }

    /** Creates (or truncates) a file. */
    public static OggOpusWriter create(Path path, int channels, int preSkip) throws IOException {
        return new OggOpusWriter(Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), channels, preSkip);
    }

    /**
     * Appends an Opus packet.
     *
     * @throws IllegalArgumentException if it is not Opus or has no valid TOC
     */
    public void write(EncodedFrame frame) throws IOException {
        if (!frame.isCodec("audio/opus")) {
            throw new IllegalArgumentException("frame is " + frame.mimeType() + ", not audio/opus");
        }
        byte[] packet = frame.toByteArray();
        int samples = OpusToc.samples(packet);
        if (samples < 0) {
            throw new IllegalArgumentException("not an Opus packet: no valid TOC");
        }
        flushHeld(0);
        // RFC 7845 §4: the granule position of a page is the PCM sample position (48 kHz) at
        // the end of the last packet completed on it.
        granule += samples;
        heldPacket = packet;
        heldGranule = granule;
    }

    private void flushHeld(int extraFlags) throws IOException {
        if (heldPacket != null) {
            out.write(OggPage.ofPacket(extraFlags, heldGranule, serial, sequence++, heldPacket).toBytes());
            heldPacket = null;
        }
    }

    /** Writes the last page, marked end-of-stream, and closes the channel. */
    @Override
    public void close() throws IOException {
        try {
            flushHeld(OggPage.END_OF_STREAM);
        } finally {
            out.close();
        }
    }
}
