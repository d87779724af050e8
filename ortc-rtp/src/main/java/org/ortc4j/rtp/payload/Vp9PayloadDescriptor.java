package org.ortc4j.rtp.payload;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The VP9 payload descriptor at the start of every VP9 RTP payload (RFC 9628 §4.2), in flexible
 * (F = 1) and non-flexible (F = 0) mode. Immutable; absent numeric fields read as -1.
 *
 * <pre>
 * RFC 9628 §4.2 (flexible mode; non-flexible mode has TL0PICIDX after the L byte and no P_DIFF):
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |I|P|L|F|B|E|V|Z| (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PICTURE ID  | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * M:   | EXTENDED PID  | (RECOMMENDED)
 *      +-+-+-+-+-+-+-+-+
 * L:   | TID |U| SID |D| (Conditionally RECOMMENDED)
 *      +-+-+-+-+-+-+-+-+                             -\
 * P,F: | P_DIFF      |N| (Conditionally REQUIRED)    - up to 3 times
 *      +-+-+-+-+-+-+-+-+                             -/
 * V:   | SS            |
 *      | ..            |
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Vp9PayloadDescriptor {

    /** RFC 9628 §4.2: "up to 3 times": at most three P_DIFF fields. */
    public static final int MAX_REFERENCES = 3;

    private final boolean interPicturePredicted;
    private final boolean flexibleMode;
    private final boolean startOfFrame;
    private final boolean endOfFrame;
    private final boolean notReferenceForUpperSpatialLayer;
    private final int pictureId;
    private final int pictureIdBits;
    private final int temporalLayer;
    private final boolean switchingUpPoint;
    private final int spatialLayer;
    private final boolean interLayerDependency;
    private final int tl0PicIdx;
    private final int[] referenceDiffs;
    private final Vp9ScalabilityStructure scalabilityStructure;
    private final int size;

    private Vp9PayloadDescriptor(boolean interPicturePredicted, boolean flexibleMode, boolean startOfFrame,
            boolean endOfFrame, boolean notReferenceForUpperSpatialLayer, int pictureId, int pictureIdBits,
            int temporalLayer, boolean switchingUpPoint, int spatialLayer, boolean interLayerDependency,
            int tl0PicIdx, int[] referenceDiffs, Vp9ScalabilityStructure scalabilityStructure, int size) {
        this.interPicturePredicted = interPicturePredicted;
        this.flexibleMode = flexibleMode;
        this.startOfFrame = startOfFrame;
        this.endOfFrame = endOfFrame;
        this.notReferenceForUpperSpatialLayer = notReferenceForUpperSpatialLayer;
        this.pictureId = pictureId;
        this.pictureIdBits = pictureIdBits;
        this.temporalLayer = temporalLayer;
        this.switchingUpPoint = switchingUpPoint;
        this.spatialLayer = spatialLayer;
        this.interLayerDependency = interLayerDependency;
        this.tl0PicIdx = tl0PicIdx;
        this.referenceDiffs = referenceDiffs;
        this.scalabilityStructure = scalabilityStructure;
        this.size = size;
    }

    /**
     * Reads the descriptor at the payload's position; the payload is not changed (no copy of its data).
     *
     * @throws RtpPayloadException if the payload ends inside the descriptor or it has more than
     *     three P_DIFF fields
     */
    public static Vp9PayloadDescriptor parse(ByteBuffer payload) throws RtpPayloadException {
        PayloadReader reader = new PayloadReader(payload);
        int first = reader.readUnsignedByte("VP9 payload descriptor");
        boolean i = (first & 0x80) != 0;
        boolean p = (first & 0x40) != 0;
        boolean l = (first & 0x20) != 0;
        boolean f = (first & 0x10) != 0;
        boolean b = (first & 0x08) != 0;
        boolean e = (first & 0x04) != 0;
        boolean v = (first & 0x02) != 0;
        boolean z = (first & 0x01) != 0;
        int pictureId = -1;
        int pictureIdBits = 0;
        if (i) {
            int m = reader.readUnsignedByte("VP9 picture ID");
            // RFC 9628 §4.2: the M bit, the first bit of the picture ID field, says whether the
            // rest of the field is 15 bits (M = 1) or 7 bits (M = 0).
            if ((m & 0x80) != 0) {
                pictureId = ((m & 0x7F) << 8) | reader.readUnsignedByte("VP9 15-bit picture ID");
                pictureIdBits = 15;
            } else {
                pictureId = m;
                pictureIdBits = 7;
            }
        }
        int temporalLayer = -1;
        boolean switchingUp = false;
        int spatialLayer = -1;
        boolean interLayer = false;
        int tl0PicIdx = -1;
        if (l) {
            int layers = reader.readUnsignedByte("VP9 layer indices");
            temporalLayer = layers >>> 5;
            switchingUp = (layers & 0x10) != 0;
            spatialLayer = (layers >>> 1) & 0x07;
            interLayer = (layers & 0x01) != 0;
            // RFC 9628 §4.2: in non-flexible mode the layer indices are followed by TL0PICIDX.
            if (!f) {
                tl0PicIdx = reader.readUnsignedByte("VP9 TL0PICIDX");
            }
        }
        int[] referenceDiffs = new int[0];
        if (f && p) {
            int[] diffs = new int[MAX_REFERENCES];
            int count = 0;
            boolean more = true;
            while (more) {
                if (count == MAX_REFERENCES) {
                    throw new RtpPayloadException("VP9 descriptor has more than " + MAX_REFERENCES + " P_DIFF fields");
                }
                int diff = reader.readUnsignedByte("VP9 P_DIFF");
                diffs[count++] = diff >>> 1;
                // RFC 9628 §4.2: N = 1 says another P_DIFF follows.
                more = (diff & 0x01) != 0;
            }
            referenceDiffs = Arrays.copyOf(diffs, count);
        }
        Vp9ScalabilityStructure ss = v ? Vp9ScalabilityStructure.read(reader) : null;
        return new Vp9PayloadDescriptor(p, f, b, e, z, pictureId, pictureIdBits, temporalLayer, switchingUp,
                spatialLayer, interLayer, tl0PicIdx, referenceDiffs, ss, reader.index() - payload.position());
    }

    /**
     * A descriptor as a single-layer sender writes it: a 15-bit picture ID, no layer indices; in
     * flexible mode the P_DIFFs of an inter-picture-predicted frame.
     */
    static Vp9PayloadDescriptor forSender(boolean flexibleMode, int pictureId, boolean interPicturePredicted,
            boolean startOfFrame, boolean endOfFrame, int[] referenceDiffs, Vp9ScalabilityStructure ss) {
        int[] diffs = flexibleMode && interPicturePredicted ? referenceDiffs : new int[0];
        int size = 3 + diffs.length + (ss == null ? 0 : ss.size());
        return new Vp9PayloadDescriptor(interPicturePredicted, flexibleMode, startOfFrame, endOfFrame, false,
                pictureId, 15, -1, false, -1, false, -1, diffs, ss, size);
    }

    /** Writes a descriptor made by {@link #forSender} at the buffer's position. */
    void write(ByteBuffer out) {
        out.put((byte) (0x80 | (interPicturePredicted ? 0x40 : 0) | (flexibleMode ? 0x10 : 0)
                | (startOfFrame ? 0x08 : 0) | (endOfFrame ? 0x04 : 0) | (scalabilityStructure != null ? 0x02 : 0)));
        out.put((byte) (0x80 | (pictureId >>> 8)));
        out.put((byte) pictureId);
        for (int i = 0; i < referenceDiffs.length; i++) {
            boolean more = i < referenceDiffs.length - 1;
            out.put((byte) ((referenceDiffs[i] << 1) | (more ? 1 : 0)));
        }
        if (scalabilityStructure != null) {
            scalabilityStructure.write(out);
        }
    }

    /** P: the layer frame uses inter-picture prediction (false on key frames). */
    public boolean interPicturePredicted() {
        return interPicturePredicted;
    }

    /** F: flexible mode (references as P_DIFF) rather than non-flexible (picture groups from SS). */
    public boolean flexibleMode() {
        return flexibleMode;
    }

    /** B: the payload starts a layer frame. */
    public boolean startOfFrame() {
        return startOfFrame;
    }

    /** E: the payload ends a layer frame. */
    public boolean endOfFrame() {
        return endOfFrame;
    }

    /** Z: the layer frame is not used for inter-layer prediction by higher spatial layers. */
    public boolean notReferenceForUpperSpatialLayer() {
        return notReferenceForUpperSpatialLayer;
    }

    /** The picture ID, or -1 if absent (I = 0). */
    public int pictureId() {
        return pictureId;
    }

    /** 7 or 15 (M bit) when the picture ID is present, 0 when absent. */
    public int pictureIdBits() {
        return pictureIdBits;
    }

    /** TID, or -1 if absent (L = 0). */
    public int temporalLayer() {
        return temporalLayer;
    }

    /** U: switching up point; false when L = 0. */
    public boolean switchingUpPoint() {
        return switchingUpPoint;
    }

    /** SID, or -1 if absent (L = 0). */
    public int spatialLayer() {
        return spatialLayer;
    }

    /** D: the layer frame depends on the spatial layer below it; false when L = 0. */
    public boolean interLayerDependency() {
        return interLayerDependency;
    }

    /** TL0PICIDX (non-flexible mode with L = 1), or -1 if absent. */
    public int tl0PicIdx() {
        return tl0PicIdx;
    }

    /** The number of P_DIFF fields (flexible mode, P = 1), 0..3. */
    public int referenceCount() {
        return referenceDiffs.length;
    }

    /** P_DIFF number {@code index}: how many pictures back the referenced picture lies. */
    public int referenceDiff(int index) {
        return referenceDiffs[index];
    }

    /** The scalability structure (V = 1), or null if absent. */
    public Vp9ScalabilityStructure scalabilityStructure() {
        return scalabilityStructure;
    }

    /** The descriptor's size in bytes: where the VP9 data starts. */
    public int size() {
        return size;
    }

    /** Whether this payload starts a picture: B = 1 on the lowest spatial layer. */
    public boolean startsPicture() {
        return startOfFrame && spatialLayer <= 0;
    }

    /**
     * Whether this payload starts a key picture: the start of a base-layer frame without
     * inter-picture prediction (RFC 9628 §4.2: P = 0, the layer frame does not use inter-picture
     * prediction).
     */
    public boolean startsKeyPicture() {
        return startsPicture() && !interPicturePredicted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vp9PayloadDescriptor other
                && interPicturePredicted == other.interPicturePredicted
                && flexibleMode == other.flexibleMode
                && startOfFrame == other.startOfFrame
                && endOfFrame == other.endOfFrame
                && notReferenceForUpperSpatialLayer == other.notReferenceForUpperSpatialLayer
                && pictureId == other.pictureId
                && pictureIdBits == other.pictureIdBits
                && temporalLayer == other.temporalLayer
                && switchingUpPoint == other.switchingUpPoint
                && spatialLayer == other.spatialLayer
                && interLayerDependency == other.interLayerDependency
                && tl0PicIdx == other.tl0PicIdx
                && Arrays.equals(referenceDiffs, other.referenceDiffs)
                && java.util.Objects.equals(scalabilityStructure, other.scalabilityStructure)
                && size == other.size;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(pictureId, startOfFrame, endOfFrame, temporalLayer, spatialLayer, size);
    }

    @Override
    public String toString() {
        return "Vp9PayloadDescriptor[P=" + interPicturePredicted + ", F=" + flexibleMode + ", B=" + startOfFrame
                + ", E=" + endOfFrame + ", Z=" + notReferenceForUpperSpatialLayer + ", pictureId=" + pictureId
                + ", tid=" + temporalLayer + ", sid=" + spatialLayer + ", tl0PicIdx=" + tl0PicIdx
                + ", pDiffs=" + Arrays.toString(referenceDiffs) + ", ss=" + scalabilityStructure + "]";
    }
}
