package org.ortc4j.sctp.internal.association;

import java.util.List;
import org.ortc4j.sctp.internal.packet.ChunkType;
import org.ortc4j.sctp.internal.packet.ForwardTsnSupportedParameter;
import org.ortc4j.sctp.internal.packet.Parameter;
import org.ortc4j.sctp.internal.packet.SupportedExtensionsParameter;
import org.ortc4j.sctp.internal.packet.ZeroChecksumAcceptableParameter;

/**
 * The extensions one side's INIT or INIT ACK offers.
 *
 * @param forwardTsn RFC 3758 partial reliability (Forward-TSN-Supported, or FORWARD TSN in the
 *     Supported Extensions)
 * @param reconfig RFC 6525 RE-CONFIG in the Supported Extensions
 * @param interleaving RFC 8260 I-DATA in the Supported Extensions
 * @param zeroChecksum RFC 9653 Zero Checksum Acceptable with the DTLS error detection method
 */
record PeerFeatures(boolean forwardTsn, boolean reconfig, boolean interleaving, boolean zeroChecksum) {

    /** Reads the features from an INIT's or INIT ACK's parameters. */
    static PeerFeatures of(List<Parameter> parameters) {
        boolean forwardTsn = false;
        boolean reconfig = false;
        boolean interleaving = false;
        boolean zeroChecksum = false;
        for (Parameter p : parameters) {
            if (p instanceof ForwardTsnSupportedParameter) {
                // RFC 3758 §3.3.1: the Forward-TSN-Supported parameter in INIT or INIT ACK.
                forwardTsn = true;
            } else if (p instanceof SupportedExtensionsParameter ext) {
                // RFC 5061 §4.2.7: the chunk types the sender supports.
                forwardTsn |= ext.supports(ChunkType.FORWARD_TSN);
                reconfig |= ext.supports(ChunkType.RE_CONFIG);
                interleaving |= ext.supports(ChunkType.I_DATA) && ext.supports(ChunkType.I_FORWARD_TSN);
            } else if (p instanceof ZeroChecksumAcceptableParameter z) {
                // RFC 9653 §5.1: the alternate error detection method the sender accepts.
                zeroChecksum |= z.errorDetectionMethod() == ZeroChecksumAcceptableParameter.DTLS;
            }
        }
        return new PeerFeatures(forwardTsn, reconfig, interleaving, zeroChecksum);
    }

    /** The features as bits, for the state cookie. */
    int bits() {
        return (forwardTsn ? 1 : 0) | (reconfig ? 2 : 0) | (interleaving ? 4 : 0) | (zeroChecksum ? 8 : 0);
    }

    /** The features from {@link #bits()}. */
    static PeerFeatures ofBits(int bits) {
        return new PeerFeatures((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
    }
}
