package org.ortc4j.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ortc4j.media.internal.StreamInput;

/**
 * Reads a WAV file of 16-bit PCM (RIFF {@code WAVE} with a {@code fmt } chunk of format 1, or
 * {@code WAVE_FORMAT_EXTENSIBLE} with the PCM sub-format) as {@link AudioFrame}s. Chunks other
 * than {@code fmt } and {@code data} are skipped. A {@code data} size of {@code 0xFFFFFFFF} or
 * beyond the end (a stream that was never finalized) reads to the end of the stream.
 */
public final class WavReader implements AutoCloseable {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** No real file has more; a limit keeps a hostile header from costing memory. */
    private static final int MAX_CHANNELS = 32;
    private static final int MAX_FMT_SIZE = 4096;

    private final StreamInput in;
    private final int sampleRate;
    private final int channels;
    private long dataLeft;
    private long samplesRead;

    private WavReader(StreamInput in, int sampleRate, int channels, long dataSize) {
        this.in = in;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.dataLeft = dataSize;
    }

    /** Opens a file. */
    public static WavReader open(Path path) throws IOException {
        InputStream stream = Files.newInputStream(path);
        try {
            return open(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Reads the header from {@code stream}, up to the start of the samples.
     *
     * @throws MediaFormatException if this is not a WAV file of 16-bit PCM
     */
    public static WavReader open(InputStream stream) throws IOException {
        StreamInput in = new StreamInput(stream);
        ByteBuffer riff = in.readLittleEndian(12, "RIFF header");
        if (!ascii(riff, 0).equals("RIFF") || !ascii(riff, 8).equals("WAVE")) {
            throw new MediaFormatException("not a RIFF WAVE file");
        }
        int sampleRate = 0;
        int channels = 0;
        while (true) {
            ByteBuffer chunk = in.readLittleEndian(8, "chunk header");
            String id = ascii(chunk, 0);
            long size = Integer.toUnsignedLong(chunk.getInt(4));
            if (id.equals("fmt ")) {
                if (size < 16 || size > MAX_FMT_SIZE) {
                    throw new MediaFormatException("fmt chunk of " + size + " bytes");
                }
                ByteBuffer fmt = ByteBuffer.wrap(in.readExactly(size, "fmt chunk")).order(ByteOrder.LITTLE_ENDIAN);
                in.skip(size & 1, "fmt chunk padding");
                int format = fmt.getShort(0) & 0xFFFF;
                channels = fmt.getShort(2) & 0xFFFF;
                sampleRate = fmt.getInt(4);
                int blockAlign = fmt.getShort(12) & 0xFFFF;
                int bits = fmt.getShort(14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE) {
                    // The sub-format GUID starts with the format code: 0x0001 for PCM.
                    if (size < 40 || (fmt.getShort(24) & 0xFFFF) != FORMAT_PCM) {
                        throw new MediaFormatException("WAVE_FORMAT_EXTENSIBLE that is not PCM");
                    }
                } else if (format != FORMAT_PCM) {
                    throw new MediaFormatException("WAV format " + format + " is not PCM");
                }
                if (bits != 16) {
                    throw new MediaFormatException(bits + "-bit samples; only 16-bit PCM is read");
                }
                if (channels < 1 || channels > MAX_CHANNELS) {
                    throw new MediaFormatException(channels + " channels");
                }
                if (sampleRate <= 0 || sampleRate > 768_000) {
                    throw new MediaFormatException("sample rate " + Integer.toUnsignedString(sampleRate));
                }
                if (blockAlign != channels * 2) {
                    throw new MediaFormatException("block align " + blockAlign + " for " + channels + " channels of 16 bits");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new MediaFormatException("data chunk before fmt chunk");
                }
                return new WavReader(in, sampleRate, channels, size);
            } else {
                in.skip(size + (size & 1), "'" + id + "' chunk");
            }
        }
    }

    private static String ascii(ByteBuffer buffer, int at) {
        byte[] id = new byte[4];
        buffer.get(at, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** Samples per second per channel. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Interleaved channels. */
    public int channels() {
        return channels;
    }

    /**
     * The next {@code samplesPerChannel} samples of each channel (fewer at the end), or null at
     * the end. The pts counts samples from the start, in {@code 1/sampleRate}.
     */
    public AudioFrame readFrame(int samplesPerChannel) throws IOException {
        if (samplesPerChannel <= 0) {
            throw new IllegalArgumentException("samples per channel must be positive");
        }
        int blockAlign = channels * 2;
        long wanted = Math.min((long) samplesPerChannel * blockAlign, dataLeft);
        byte[] bytes = in.readUpTo((int) wanted);
        dataLeft -= bytes.length;
        int blocks = bytes.length / blockAlign;
        if (blocks == 0) {
            dataLeft = 0;
            return null;
        }
        short[] samples = new short[blocks * channels];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        AudioFrame frame = new AudioFrame(samples, sampleRate, channels, samplesRead, TimeBase.ofRate(sampleRate));
        samplesRead += blocks;
        return frame;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
