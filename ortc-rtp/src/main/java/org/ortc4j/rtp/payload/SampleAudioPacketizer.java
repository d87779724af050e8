package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample-based audio payloads with one byte per RTP timestamp unit (RFC 3551 §4.5): PCMU and PCMA
 * (G.711, 8,000 samples per second, one byte per sample) and G.722 (16,000 samples per second, two
 * 4-bit samples per byte, RTP clock rate 8,000). A frame larger than the maximum payload size is
 * split into consecutive payloads, each a whole number of bytes (RFC 3551 §4.2: "the sample values
 * are packed in consecutive octets") whose timestamp advances by its offset in bytes.
 *
 * <p>Marker bit as {@link OpusPacketizer}: on the first payload after {@link #startTalkspurt()}.
 */
public final class SampleAudioPacketizer implements RtpPacketizer {

    private final String encodingName;
    private boolean talkspurtStart;

    private SampleAudioPacketizer(String encodingName) {
        this.encodingName = encodingName;
    }

    /** PCMU (G.711 μ-law), RFC 3551 §4.5.14: 8 bits per sample, clock rate 8,000. */
    public static SampleAudioPacketizer pcmu() {
        return new SampleAudioPacketizer("PCMU");
    }

    /** PCMA (G.711 A-law), RFC 3551 §4.5.14: 8 bits per sample, clock rate 8,000. */
    public static SampleAudioPacketizer pcma() {
        return new SampleAudioPacketizer("PCMA");
    }

    /**
     * G.722, RFC 3551 §4.5.2: "Even though the actual sampling rate for G.722 audio is 16,000 Hz,
     * the RTP clock rate for the G722 payload format is 8,000 Hz because that value was
     * erroneously assigned in RFC 1890": one byte (two samples) per RTP timestamp unit.
     */
    public static SampleAudioPacketizer g722() {
        return new SampleAudioPacketizer("G722");
    }

    /** The encoding name as SDP writes it: {@code PCMU}, {@code PCMA} or {@code G722}. */
    public String encodingName() {
        return encodingName;
    }

    /** The RTP clock rate: 8,000 for all three formats. */
    public int clockRate() {
        return 8000;
    }

    /** The next payload is the first of a talkspurt and gets the marker bit. */
    public void startTalkspurt() {
        talkspurtStart = true;
    }

    /**
     * Splits the samples into payloads of at most {@code maxPayloadSize} bytes; timestamp offsets
     * count the bytes before each payload. An empty frame gives no payloads.
     */
    @Override
    public List<RtpPayload> packetize(ByteBuffer frame, int maxPayloadSize) {
        if (maxPayloadSize < 1) {
            throw new IllegalArgumentException("maxPayloadSize must be positive: " + maxPayloadSize);
        }
        ByteBuffer source = frame.duplicate();
        int size = source.remaining();
        List<RtpPayload> payloads = new ArrayList<>((size + maxPayloadSize - 1) / maxPayloadSize);
        for (int offset = 0; offset < size; offset += maxPayloadSize) {
            byte[] bytes = new byte[Math.min(maxPayloadSize, size - offset)];
            source.get(bytes);
            payloads.add(new RtpPayload(bytes, talkspurtStart, offset));
            talkspurtStart = false;
        }
        return payloads;
    }
}
