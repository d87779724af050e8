package org.ortc4j.dtls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.UseSRTPData;
import org.ortc4j.srtp.SrtpProfile;

/** The use_srtp extension of RFC 5764 §4.1: what a client offers and what a server picks. */
public final class SrtpNegotiation {

    private static final byte[] NO_MKI = new byte[0];

    private SrtpNegotiation() {
    }

    /**
     * The client's offer. RFC 5764 §4.1.1: the list "indicates the SRTP protection profiles that
     * the client is willing to support, listed in descending order of preference". No MKI
     * (WebRTC uses none).
     */
    public static UseSRTPData offer(List<SrtpProfile> profiles) {
        int[] ids = profiles.stream().mapToInt(p -> p.protectionProfileId().orElseThrow()).toArray();
        return new UseSRTPData(ids, NO_MKI);
    }

    /**
     * The server's pick: the first profile of the server's own preference list that the client
     * offered. RFC 5764 §4.1.1 leaves the choice to the server (its answer is "a single
     * SRTPProtectionProfile value which the server has chosen"); taking our own order lets an
     * application that prefers AEAD get it from any client. Empty when nothing is in common: the handshake goes on without SRTP (data channels
     * need none).
     */
    public static Optional<SrtpProfile> select(List<SrtpProfile> ours, UseSRTPData offered) {
        if (offered == null) {
            return Optional.empty();
        }
        for (SrtpProfile profile : ours) {
            int id = profile.protectionProfileId().orElseThrow();
            for (int candidate : offered.getProtectionProfiles()) {
                if (candidate == id) {
                    return Optional.of(profile);
                }
            }
        }
        return Optional.empty();
    }

    /** The server's answer for {@code profile}. */
    public static UseSRTPData answer(SrtpProfile profile) {
        return new UseSRTPData(new int[] {profile.protectionProfileId().orElseThrow()}, NO_MKI);
    }

    /**
     * The profile a server answered, checked against what we offered. RFC 5764 §4.1.1: the
     * server's extension carries "a single SRTPProtectionProfile value", and "If the client
     * detects a nonzero-length MKI in the server's response that is different than the one the
     * client offered, then the client MUST abort the handshake and SHOULD send an
     * invalid_parameter alert."
     *
     * @throws TlsFatalAlert illegal_parameter for more than one profile, one we did not offer, or
     *     an MKI
     */
    public static Optional<SrtpProfile> accept(List<SrtpProfile> offered, UseSRTPData answer) throws TlsFatalAlert {
        if (answer == null) {
            return Optional.empty();
        }
        int[] ids = answer.getProtectionProfiles();
        if (ids.length != 1 || answer.getMki().length != 0) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "use_srtp answer must name one profile and no MKI");
        }
        List<Integer> offeredIds = new ArrayList<>();
        offered.forEach(p -> offeredIds.add(p.protectionProfileId().orElseThrow()));
        if (!offeredIds.contains(ids[0])) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "the server chose an SRTP profile we did not offer");
        }
        return SrtpProfile.fromProtectionProfileId(ids[0]);
    }
}
