package org.ortc4j.srtp;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.ortc4j.srtp.internal.SrtpCipher;
import org.ortc4j.srtp.internal.SsrcTable;

/**
 * What both directions of an SRTP session share: the transform for the master key, the
 * per-SSRC states, and access to a packet's bytes as an array.
 *
 * <p>Packets in heap buffers are transformed where they lie; a direct buffer's packet is copied
 * into a scratch array of the session, transformed there and copied back, which costs two
 * copies and no allocation.
 */
abstract sealed class SrtpSessionBase permits SrtpOutboundSession, SrtpInboundSession {

    /** The largest packet, with its trailer, that a session transforms. */
    static final int MAX_PACKET = 65_536;

    final SrtpCipher cipher;
    final SsrcTable ssrcs;
    private byte[] scratch;

    SrtpSessionBase(SrtpCipher cipher, SrtpOptions options) {
        Objects.requireNonNull(options, "options");
        this.cipher = cipher;
        this.ssrcs = new SsrcTable(options.maxSsrcs(), options.replayWindowSize());
    }

    static SrtpCipher cipherFor(SrtpMasterKey key) {
        return SrtpCipher.create(Objects.requireNonNull(key, "key"));
    }

    /** The array holding the packet: the buffer's own, or the scratch copy. */
    final byte[] arrayOf(ByteBuffer packet, int length) {
        if (packet.isReadOnly()) {
            // A caller's mistake, not a network input: it cannot be transformed in place.
            throw new IllegalArgumentException("SRTP transforms packets in place; the buffer is read-only");
        }
        if (packet.hasArray()) {
            return packet.array();
        }
        if (scratch == null) {
            scratch = new byte[MAX_PACKET + 64];
        }
        packet.get(packet.position(), scratch, 0, length);
        return scratch;
    }

    /** The offset of the packet's first byte in {@link #arrayOf}'s array. */
    static int offsetOf(ByteBuffer packet) {
        return packet.hasArray() ? packet.arrayOffset() + packet.position() : 0;
    }

    /** Ends a successful transform: copies a scratch packet back and sets the new limit. */
    final SrtpResult finish(ByteBuffer packet, byte[] array, int newLength) {
        packet.limit(packet.position() + newLength);
        if (array == scratch) {
            packet.put(packet.position(), scratch, 0, newLength);
        }
        return SrtpResult.OK;
    }

    /** How many SSRCs this session holds state for. */
    public int ssrcCount() {
        return ssrcs.size();
    }
}
