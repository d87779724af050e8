package org.ortc4j.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The two master keys a DTLS-SRTP handshake yields, one per direction (RFC 5764 §4.2).
 *
 * <p>The exporter label {@code "EXTRACTOR-dtls_srtp"} gives {@code 2 * (key + salt)} bytes laid
 * out as:
 * <pre>
 * client_write_SRTP_master_key[key] | server_write_SRTP_master_key[key] |
 * client_write_SRTP_master_salt[salt] | server_write_SRTP_master_salt[salt]
 * </pre>
 * The DTLS client protects what it sends with the client write key and unprotects with the
 * server write key; the server does the opposite.
 *
 * @param clientWrite the key the DTLS client sends with
 * @param serverWrite the key the DTLS server sends with
 */
public record DtlsSrtpKeys(SrtpMasterKey clientWrite, SrtpMasterKey serverWrite) {

    public DtlsSrtpKeys {
        Objects.requireNonNull(clientWrite, "clientWrite");
        Objects.requireNonNull(serverWrite, "serverWrite");
        if (clientWrite.profile() != serverWrite.profile()) {
            throw new IllegalArgumentException("client and server keys are for different profiles");
        }
    }

    /** How many bytes of keying material {@code profile} needs from the DTLS exporter. */
    public static int keyingMaterialLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /**
     * Splits exported keying material as RFC 5764 §4.2 lays it out.
     *
     * @throws IllegalArgumentException if {@code material} is not {@link #keyingMaterialLength} long
     */
    public static DtlsSrtpKeys fromKeyingMaterial(SrtpProfile profile, byte[] material) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != keyingMaterialLength(profile)) {
            throw new IllegalArgumentException(profile + " needs " + keyingMaterialLength(profile)
                    + " bytes of keying material, not " + material.length);
        }
        SrtpMasterKey client = new SrtpMasterKey(profile,
                Arrays.copyOfRange(material, 0, k), Arrays.copyOfRange(material, 2 * k, 2 * k + s));
        SrtpMasterKey server = new SrtpMasterKey(profile,
                Arrays.copyOfRange(material, k, 2 * k), Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
        return new DtlsSrtpKeys(client, server);
    }

    /** The key this endpoint protects with: the client write key if it is the DTLS client. */
    public SrtpMasterKey outbound(boolean dtlsClient) {
        return dtlsClient ? clientWrite : serverWrite;
    }

    /** The key this endpoint unprotects with: the server write key if it is the DTLS client. */
    public SrtpMasterKey inbound(boolean dtlsClient) {
        return dtlsClient ? serverWrite : clientWrite;
    }
}
