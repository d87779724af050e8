package org.ortc4j.sdp;

import java.util.List;
import org.ortc4j.sdp.internal.SdpSyntax;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}: who made
 * the session description and which version of it this is (RFC 8866 §5.2; JSEP RFC 9429
 * §5.2.1 writes {@code o=- <random 63-bit id> <version> IN IP4 127.0.0.1}).
 *
 * <p>The session id and version are kept as the decimal strings they are on the wire: RFC 8866
 * bounds neither, and some stacks send 64-bit or larger values.
 *
 * @param username the user name, {@code -} when there is none
 * @param sessionId the session id, decimal digits
 * @param sessionVersion the session version, decimal digits
 * @param netType the network type, {@code IN}
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the address of the machine that made the description
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType,
        String addressType, String address) {

    public Origin {
        SdpSyntax.requireNonWs(username, "origin username");
        requireDigits(sessionId, "origin session id");
        requireDigits(sessionVersion, "origin session version");
        SdpSyntax.requireToken(netType, "origin network type");
        SdpSyntax.requireToken(addressType, "origin address type");
        SdpSyntax.requireNonWs(address, "origin address");
    }

    private static void requireDigits(String text, String what) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new IllegalArgumentException(what + " must be 1 to 64 decimal digits: " + SdpSyntax.quote(text));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " is not a decimal number: " + SdpSyntax.quote(text));
            }
        }
    }

    /** Reads the text after {@code o=}. */
    public static Origin parse(String value) {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 6) {
            throw new IllegalArgumentException("o= must have 6 fields "
                    + "(<username> <sess-id> <sess-version> <nettype> <addrtype> <address>), not " + f.size());
        }
        return new Origin(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
    }

    /** The value as written after {@code o=}. */
    public String value() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addressType + ' ' + address;
    }
}
