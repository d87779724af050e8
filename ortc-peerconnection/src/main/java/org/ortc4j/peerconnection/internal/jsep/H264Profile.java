package org.ortc4j.peerconnection.internal.jsep;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The H.264 profile named by an fmtp {@code profile-level-id} (RFC 6184 §8.1), for matching
 * offered H.264 formats with ours: two formats are the same codec when profile and
 * packetization-mode agree, whatever their levels (RFC 6184 §8.2.2).
 */
public enum H264Profile {
    /** Constrained Baseline: what browsers send. */
    CONSTRAINED_BASELINE,
    /** Baseline without constraints. */
    BASELINE,
    /** Main. */
    MAIN,
    /** Extended. */
    EXTENDED,
    /** Constrained High. */
    CONSTRAINED_HIGH,
    /** High. */
    HIGH,
    /** Predictive High 4:4:4. */
    PREDICTIVE_HIGH_444;

    // RFC 6184 §8.1: "If no profile-level-id is present, the Baseline profile, without
    // additional constraints at Level 1, MUST be inferred."
    static final String DEFAULT_PROFILE_LEVEL_ID = "42000a";

    /**
     * The profile of a {@code profile-level-id}, or empty when the value is malformed or names a
     * profile we do not know.
     *
     * <p>RFC 6184 §8.1 and Table 5: the first byte is profile_idc, the second profile-iop (the
     * constraint_set flags, most significant bit first), the third level_idc. A profile is a
     * profile_idc with some flags set: Constrained Baseline is 42 with constraint_set1, 4D with
     * constraint_set0, or 58 with constraint_set0 and constraint_set1.
     */
    public static Optional<H264Profile> of(String profileLevelId) {
        if (profileLevelId == null || profileLevelId.length() != 6) {
            return Optional.empty();
        }
        int idc;
        int iop;
        try {
            idc = Integer.parseInt(profileLevelId.substring(0, 2), 16);
            iop = Integer.parseInt(profileLevelId.substring(2, 4), 16);
            Integer.parseInt(profileLevelId.substring(4, 6), 16);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // RFC 6184 Table 5: reserved_zero_2bits (the low bits of profile-iop) are zero in every
        // profile listed; libwebrtc checks the same patterns.
        if ((iop & 0x03) != 0) {
            return Optional.empty();
        }
        boolean set0 = (iop & 0x80) != 0;
        boolean set1 = (iop & 0x40) != 0;
        H264Profile profile = switch (idc) {
            case 0x42 -> set1 ? CONSTRAINED_BASELINE : BASELINE;
            case 0x4d -> set0 ? CONSTRAINED_BASELINE : MAIN;
            case 0x58 -> set0 && set1 ? CONSTRAINED_BASELINE : set0 ? BASELINE : EXTENDED;
            case 0x64 -> iop == 0 ? HIGH : iop == 0x0c ? CONSTRAINED_HIGH : null;
            case 0xf4 -> iop == 0 ? PREDICTIVE_HIGH_444 : null;
            default -> null;
        };
        return Optional.ofNullable(profile);
    }

    /** The profile-level-id of format parameters, the RFC 6184 default when absent, lower case. */
    static String profileLevelId(Map<String, String> parameters) {
        String value = parameters.get("profile-level-id");
        return value == null ? DEFAULT_PROFILE_LEVEL_ID : value.toLowerCase(Locale.ROOT);
    }

    /**
     * The packetization-mode of format parameters. RFC 6184 §8.1: when packetization-mode is 0
     * or absent, single NAL unit mode is used, so absent means "0".
     */
    static String packetizationMode(Map<String, String> parameters) {
        String value = parameters.get("packetization-mode");
        return value == null ? "0" : value.trim();
    }

    /**
     * Whether two H.264 formats are the same codec for negotiation. RFC 6184 §8.2.2: the
     * profile must match; with level-asymmetry-allowed the levels may differ, and without it the
     * answerer answers the level it supports, so levels never prevent a match. Packetization
     * modes must be equal.
     */
    static boolean sameCodec(Map<String, String> a, Map<String, String> b) {
        Optional<H264Profile> pa = of(profileLevelId(a));
        Optional<H264Profile> pb = of(profileLevelId(b));
        return pa.isPresent() && pa.equals(pb) && packetizationMode(a).equals(packetizationMode(b));
    }
}
