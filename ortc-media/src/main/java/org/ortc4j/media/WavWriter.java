package org.ortc4j.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ortc4j.media.internal.ChannelOutput;

/**
 * Writes 16-bit PCM {@link AudioFrame}s as a WAV file. The RIFF and data sizes are written when
 * the writer is closed if the channel can seek (a file); on a plain stream they stay
 * {@code 0xFFFFFFFF}, which readers (ours, FFmpeg) take as "to the end".
 */
public final class WavWriter implements AutoCloseable {

    private static final int HEADER_SIZE = 44;

    private final ChannelOutput out;
    private final int sampleRate;
    private final int channels;
    private long dataBytes;

    /** A writer for {@code channels} interleaved channels at {@code sampleRate}; writes the header now. */
    public WavWriter(WritableByteChannel channel, int sampleRate, int channels) throws IOException {
        if (sampleRate <= 0 || channels < 1 || channels > 32) {
            throw new IllegalArgumentException("sample rate " + sampleRate + ", channels " + channels);
        }
        this.out = new ChannelOutput(channel);
        this.sampleRate = sampleRate;
        this.channels = channels;
        out.write(header(0xFFFFFFFFL));
    }

    /** Creates (or truncates) a file. */
    public static WavWriter create(Path path, int sampleRate, int channels) throws IOException {
        return new WavWriter(Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), sampleRate, channels);
    }

    private ByteBuffer header(long dataSize) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) (dataSize == 0xFFFFFFFFL ? dataSize : dataSize + 36));
        h.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        h.putInt(16);
        h.putShort((short) 1);
        h.putShort((short) channels);
        h.putInt(sampleRate);
        h.putInt(sampleRate * channels * 2);
        h.putShort((short) (channels * 2));
        h.putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) dataSize);
        return h.flip();
    }

    /**
     * Appends a frame's samples.
     *
     * @throws IllegalArgumentException if its rate or channels differ from the writer's
     */
    public void write(AudioFrame frame) throws IOException {
        if (frame.sampleRate() != sampleRate || frame.channels() != channels) {
            throw new IllegalArgumentException("frame is " + frame.sampleRate() + " Hz x " + frame.channels()
                    + ", writer is " + sampleRate + " Hz x " + channels);
        }
        ByteBuffer bytes = ByteBuffer.allocate(frame.samplesPerChannel() * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(frame.samples());
        out.write(bytes);
        dataBytes += bytes.capacity();
    }

    /** Fixes the sizes if the channel can seek, then closes it. */
    @Override
    public void close() throws IOException {
        try {
            if (dataBytes <= 0xFFFFFFFFL - 36) {
                out.patch(0, header(dataBytes));
            }
        } finally {
            out.close();
        }
    }
}
