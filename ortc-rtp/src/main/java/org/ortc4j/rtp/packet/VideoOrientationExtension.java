package org.ortc4j.rtp.packet;

import java.nio.ByteBuffer;

/**
 * The coordination of video orientation (CVO) header extension (3GPP TS 26.114 §7.4.5): one byte
 * {@code 0 0 0 0 C F R1 R0}: camera, horizontal flip, and rotation in steps of 90 degrees. The top
 * four bits (rotation granularity of the longer form) are ignored on receipt and sent as 0.
 *
 * @param backFacingCamera C: true for a camera facing away from the user, false for one facing the user
 * @param flipped F: whether the video is mirrored horizontally
 * @param rotationDegrees R1 R0: 0, 90, 180 or 270, the counter-clockwise rotation of the video
 */
public record VideoOrientationExtension(boolean backFacingCamera, boolean flipped, int rotationDegrees) {

    /** The extension's URI (3GPP TS 26.114 §7.4.5). */
    public static final String URI = "urn:3gpp:video-orientation";

    /** @throws IllegalArgumentException if rotationDegrees is not 0, 90, 180 or 270 */
    public VideoOrientationExtension {
        if (rotationDegrees != 0 && rotationDegrees != 90 && rotationDegrees != 180 && rotationDegrees != 270) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270 degrees, not " + rotationDegrees);
        }
    }

    /** Decodes an element's data (position to limit, not consumed). */
    public static VideoOrientationExtension decode(ByteBuffer data) throws RtpParseException {
        HeaderExtensionValues.requireLength(data, 1, "video-orientation");
        int b = data.get(data.position());
        return new VideoOrientationExtension((b & 0x08) != 0, (b & 0x04) != 0, 90 * (b & 0x03));
    }

    /** The element's data. */
    public byte[] encode() {
        return new byte[] {(byte) ((backFacingCamera ? 0x08 : 0) | (flipped ? 0x04 : 0) | rotationDegrees / 90)};
    }
}
