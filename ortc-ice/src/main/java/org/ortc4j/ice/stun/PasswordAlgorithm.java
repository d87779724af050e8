package org.ortc4j.ice.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A password algorithm of the long-term credential mechanism, with its parameters (RFC 8489
 * §14.11, §14.12, §18.5).
 *
 * <p>RFC 8489 §18.5: "0x0000: Reserved 0x0001: MD5 0x0002: SHA-256 0x0003-0xFFFF: Unassigned".
 * For both registered algorithms "the parameters value is empty". An open set of values: an
 * algorithm this code does not know keeps its number and parameter bytes.
 */
public final class PasswordAlgorithm {

    /** {@code 0x0001} MD5, key = MD5(username ":" realm ":" password), 16 bytes (RFC 8489 §18.5.1.1). */
    public static final PasswordAlgorithm MD5 = new PasswordAlgorithm(0x0001, new byte[0]);
    /** {@code 0x0002} SHA-256, key = SHA-256(username ":" realm ":" password), 32 bytes (RFC 8489 §18.5.1.2). */
    public static final PasswordAlgorithm SHA_256 = new PasswordAlgorithm(0x0002, new byte[0]);

    private final int code;
    private final byte[] parameters;

    private PasswordAlgorithm(int code, byte[] parameters) {
        this.code = code;
        this.parameters = parameters;
    }

    /**
     * The algorithm with this number and parameters.
     *
     * @throws IllegalArgumentException if {@code code} does not fit in 16 bits or the parameters
     *     are longer than 65535 bytes
     */
    public static PasswordAlgorithm of(int code, byte[] parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("password algorithm 0x" + Integer.toHexString(code) + " does not fit in 16 bits");
        }
        if (parameters.length > 0xFFFF) {
            throw new IllegalArgumentException("password algorithm parameters of " + parameters.length + " bytes are too long");
        }
        if (parameters.length == 0 && code == MD5.code) {
            return MD5;
        }
        if (parameters.length == 0 && code == SHA_256.code) {
            return SHA_256;
        }
        return new PasswordAlgorithm(code, parameters.clone());
    }

    /** The 16-bit algorithm number. */
    public int code() {
        return code;
    }

    /** A copy of the parameters, empty for MD5 and SHA-256. */
    public byte[] parameters() {
        return parameters.clone();
    }

    int parameterLength() {
        return parameters.length;
    }

    /** Whether this is MD5 or SHA-256 without parameters. */
    public boolean isKnown() {
        return this == MD5 || this == SHA_256;
    }

    // RFC 8489 §14.11: "The parameters start with the length (prior to padding) of the parameters
    // as a 16-bit value, followed by the parameters that are specific to each algorithm. The
    // parameters are padded to a 32-bit boundary, in the same manner as an attribute."
    static int encodedLength(PasswordAlgorithm algorithm) {
        return 4 + ((algorithm.parameters.length + 3) & ~3);
    }

    static void encode(PasswordAlgorithm algorithm, byte[] out, int offset) {
        out[offset] = (byte) (algorithm.code >> 8);
        out[offset + 1] = (byte) algorithm.code;
        out[offset + 2] = (byte) (algorithm.parameters.length >> 8);
        out[offset + 3] = (byte) algorithm.parameters.length;
        System.arraycopy(algorithm.parameters, 0, out, offset + 4, algorithm.parameters.length);
    }

    static byte[] encode(List<PasswordAlgorithm> algorithms) {
        int length = 0;
        for (PasswordAlgorithm algorithm : algorithms) {
            length += encodedLength(algorithm);
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (PasswordAlgorithm algorithm : algorithms) {
            encode(algorithm, out, offset);
            offset += encodedLength(algorithm);
        }
        return out;
    }

    /** Reads one algorithm at {@code offset}; the caller advances by {@link #encodedLength}. */
    static PasswordAlgorithm decode(AttributeValue value, int offset) {
        if (value.length() - offset < 4) {
            throw value.error("truncated password algorithm at byte " + offset);
        }
        int code = value.u16(offset);
        int parameterLength = value.u16(offset + 2);
        int padded = (parameterLength + 3) & ~3;
        if (padded > value.length() - offset - 4) {
            throw value.error("password algorithm parameters of " + parameterLength + " bytes run past the end of the value");
        }
        // Padding "MUST be ignored by the receiver" (RFC 8489 §14.12).
        return of(code, value.bytes(offset + 4, parameterLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordAlgorithm && ((PasswordAlgorithm) o).code == code
                && Arrays.equals(((PasswordAlgorithm) o).parameters, parameters);
    }

    @Override
    public int hashCode() {
        return code * 31 + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        String name = this == MD5 ? "MD5" : this == SHA_256 ? "SHA-256" : String.format("0x%04X", code);
        return parameters.length == 0 ? name : name + "(" + HexFormat.of().formatHex(parameters) + ")";
    }
}
