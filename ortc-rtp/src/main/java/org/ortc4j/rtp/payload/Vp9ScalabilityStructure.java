package org.ortc4j.rtp.payload;

import java.util.Arrays;

/**
 * The VP9 scalability structure (SS) of RFC 9628 §4.2.1, sent in the payload descriptor of key
 * frames (V = 1): the number of spatial layers, optionally their resolutions (Y = 1), and
 * optionally the picture group that non-flexible mode repeats (G = 1). Immutable.
 *
 * <pre>
 * RFC 9628 §4.2.1:
 *      +-+-+-+-+-+-+-+-+
 * V:   | N_S |Y|G|-|-|-|
 *      +-+-+-+-+-+-+-+-+              -\
 * Y:   |     WIDTH     | (OPTIONAL)    .
 *      +               +               .
 *      |               | (OPTIONAL)    .
 *      +-+-+-+-+-+-+-+-+               . - N_S + 1 times
 *      |     HEIGHT    | (OPTIONAL)    .
 *      +               +               .
 *      |               | (OPTIONAL)    .
 *      +-+-+-+-+-+-+-+-+              -/
 * G:   |      N_G      | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+                            -\
 * N_G: |  TID  |U| R |-|-| (OPTIONAL)               .
 *      +-+-+-+-+-+-+-+-+              -\            . - N_G times
 *      |    P_DIFF     | (OPTIONAL)    . - R times  .
 *      +-+-+-+-+-+-+-+-+              -/            -/
 * </pre>
 */
public final class Vp9ScalabilityStructure {

    private final int spatialLayers;
    private final int[] widths;
    private final int[] heights;
    private final boolean hasPictureGroup;
    private final int[] groupTemporalLayers;
    private final boolean[] groupSwitchingUp;
    private final int[][] groupReferences;

    private Vp9ScalabilityStructure(int spatialLayers, int[] widths, int[] heights, boolean hasPictureGroup,
            int[] groupTemporalLayers, boolean[] groupSwitchingUp, int[][] groupReferences) {
        this.spatialLayers = spatialLayers;
        this.widths = widths;
        this.heights = heights;
        this.hasPictureGroup = hasPictureGroup;
        this.groupTemporalLayers = groupTemporalLayers;
        this.groupSwitchingUp = groupSwitchingUp;
        this.groupReferences = groupReferences;
    }

    /**
     * A structure of one spatial layer of the given resolution with a picture group of one picture
     * of temporal layer 0 that references the picture before it: what a single-layer non-flexible
     * stream repeats.
     */
    public static Vp9ScalabilityStructure singleLayer(int width, int height) {
        boolean fits = fits(width, height);
        return new Vp9ScalabilityStructure(1, fits ? new int[] {width} : new int[0],
                fits ? new int[] {height} : new int[0], true, new int[] {0}, new boolean[] {false}, new int[][] {{1}});
    }

    /**
     * A structure of one spatial layer of the given resolution without a picture group, as
     * flexible mode sends it (references travel in every payload descriptor instead).
     */
    public static Vp9ScalabilityStructure singleLayerResolution(int width, int height) {
        boolean fits = fits(width, height);
        return new Vp9ScalabilityStructure(1, fits ? new int[] {width} : new int[0],
                fits ? new int[] {height} : new int[0], false, new int[0], new boolean[0], new int[0][]);
    }

    /**
     * Whether a resolution fits the SS's 16-bit WIDTH and HEIGHT fields (RFC 9628 §4.2.1). A VP9
     * frame may be 65,536 pixels wide or tall (its header codes the size minus one in 16 bits);
     * such a frame, or a nonsensical size, is described without resolutions (Y = 0), which the
     * RFC allows, rather than refused.
     */
    private static boolean fits(int width, int height) {
        return width > 0 && height > 0 && width <= 0xFFFF && height <= 0xFFFF;
    }

    static Vp9ScalabilityStructure read(PayloadReader reader) throws RtpPayloadException {
        int first = reader.readUnsignedByte("VP9 SS");
        // RFC 9628 §4.2.1: the stream has N_S + 1 spatial layers.
        int spatialLayers = (first >>> 5) + 1;
        boolean y = (first & 0x10) != 0;
        boolean g = (first & 0x08) != 0;
        int[] widths = new int[0];
        int[] heights = new int[0];
        if (y) {
            widths = new int[spatialLayers];
            heights = new int[spatialLayers];
            for (int i = 0; i < spatialLayers; i++) {
                widths[i] = reader.readUnsignedShort("VP9 SS width");
                heights[i] = reader.readUnsignedShort("VP9 SS height");
            }
        }
        int groups = g ? reader.readUnsignedByte("VP9 SS N_G") : 0;
        int[] temporalLayers = new int[groups];
        boolean[] switchingUp = new boolean[groups];
        int[][] references = new int[groups][];
        for (int i = 0; i < groups; i++) {
            int b = reader.readUnsignedByte("VP9 SS picture description");
            temporalLayers[i] = b >>> 5;
            switchingUp[i] = (b & 0x10) != 0;
            int r = (b >>> 2) & 0x03;
            // Bounded by the input: every reference takes one byte that must be present.
            references[i] = new int[r];
            for (int j = 0; j < r; j++) {
                references[i][j] = reader.readUnsignedByte("VP9 SS P_DIFF");
            }
        }
        return new Vp9ScalabilityStructure(spatialLayers, widths, heights, g, temporalLayers, switchingUp, references);
    }

    int size() {
        int size = 1 + (hasResolutions() ? 4 * spatialLayers : 0) + (hasPictureGroup ? 1 : 0);
        for (int[] references : groupReferences) {
            size += 1 + references.length;
        }
        return size;
    }

    void write(java.nio.ByteBuffer out) {
        out.put((byte) (((spatialLayers - 1) << 5) | (hasResolutions() ? 0x10 : 0) | (hasPictureGroup ? 0x08 : 0)));
        for (int i = 0; i < widths.length; i++) {
            out.putShort((short) widths[i]);
            out.putShort((short) heights[i]);
        }
        if (hasPictureGroup) {
            out.put((byte) groupReferences.length);
            for (int i = 0; i < groupReferences.length; i++) {
                out.put((byte) ((groupTemporalLayers[i] << 5) | (groupSwitchingUp[i] ? 0x10 : 0) | (groupReferences[i].length << 2)));
                for (int reference : groupReferences[i]) {
                    out.put((byte) reference);
                }
            }
        }
    }

    /** N_S + 1: the number of spatial layers, 1..8. */
    public int spatialLayers() {
        return spatialLayers;
    }

    /** Y: whether the resolutions of the spatial layers are present. */
    public boolean hasResolutions() {
        return widths.length > 0;
    }

    /** The width of a spatial layer; needs {@link #hasResolutions()}. */
    public int width(int spatialLayer) {
        return widths[spatialLayer];
    }

    /** The height of a spatial layer; needs {@link #hasResolutions()}. */
    public int height(int spatialLayer) {
        return heights[spatialLayer];
    }

    /** G: whether a picture group description is present. */
    public boolean hasPictureGroup() {
        return hasPictureGroup;
    }

    /** N_G: the number of pictures in the picture group (0 when absent). */
    public int pictureGroupSize() {
        return groupReferences.length;
    }

    /** TID of picture {@code i} of the group. */
    public int temporalLayer(int picture) {
        return groupTemporalLayers[picture];
    }

    /** U (switching up point) of picture {@code i} of the group. */
    public boolean switchingUpPoint(int picture) {
        return groupSwitchingUp[picture];
    }

    /** R: the number of pictures that picture {@code i} of the group references, 0..3. */
    public int referenceCount(int picture) {
        return groupReferences[picture].length;
    }

    /** P_DIFF number {@code reference} of picture {@code picture} of the group. */
    public int referenceDiff(int picture, int reference) {
        return groupReferences[picture][reference];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vp9ScalabilityStructure other
                && spatialLayers == other.spatialLayers
                && hasPictureGroup == other.hasPictureGroup
                && Arrays.equals(widths, other.widths)
                && Arrays.equals(heights, other.heights)
                && Arrays.equals(groupTemporalLayers, other.groupTemporalLayers)
                && Arrays.equals(groupSwitchingUp, other.groupSwitchingUp)
                && Arrays.deepEquals(groupReferences, other.groupReferences);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * spatialLayers + Arrays.hashCode(widths)) + Arrays.deepHashCode(groupReferences);
    }

    @Override
    public String toString() {
        return "Vp9ScalabilityStructure[spatialLayers=" + spatialLayers + ", widths=" + Arrays.toString(widths)
                + ", heights=" + Arrays.toString(heights) + ", pictureGroup=" + Arrays.deepToString(groupReferences) + "]";
    }
}
