package org.ortc4j.ice.internal.mdns;

import static org.ortc4j.ice.internal.mdns.DnsMessageTest.hex;
import static org.ortc4j.ice.internal.mdns.DnsMessageTest.nameHex;

import java.util.List;

/**
 * Real mDNS packets for mDNS ICE candidates, byte for byte as browsers and this package send
 * them; the fuzz target's seed inputs under {@code MdnsMessageFuzzTestInputs/} are these bytes.
 */
final class MdnsSeedMessages {

    static final String NAME = DnsMessageTest.ICE_NAME;

    /** A QM query for the A and AAAA records of an ICE name, the second name compressed. */
    static final byte[] QUERY_A_AAAA = hex("0000 0000 0002 0000 0000 0000" + nameHex(NAME) + "0001 0001 c00c 001c 0001");

    /** A QU query for A only, as a querier waking up sends it. */
    static final byte[] QUERY_QU = hex("0000 0000 0001 0000 0000 0000" + nameHex(NAME) + "0001 8001");

    /** The answer: A 192.168.1.5, cache-flush, TTL 120, as Chromium's responder sends it. */
    static final byte[] RESPONSE_A = hex("0000 8400 0000 0001 0000 0000" + nameHex(NAME) + "0001 8001 00000078 0004 c0a80105");

    /** An AAAA answer with an A record for another name in the additional section, compressed. */
    static final byte[] RESPONSE_AAAA_WITH_ADDITIONAL = hex("0000 8400 0000 0001 0000 0001"
            + nameHex(NAME) + "001c 8001 00000078 0010 fe800000000000000001000200030004"
            + "0168 c031 0001 8001 00000078 0004 0a000001");

    /** A goodbye: TTL zero (RFC 6762 §10.1). */
    static final byte[] GOODBYE = hex("0000 8400 0000 0001 0000 0000" + nameHex(NAME) + "0001 8001 00000000 0004 c0a80105");

    static List<byte[]> all() {
        return List.of(QUERY_A_AAAA, QUERY_QU, RESPONSE_A, RESPONSE_AAAA_WITH_ADDITIONAL, GOODBYE);
    }

    private MdnsSeedMessages() {
    }
}
