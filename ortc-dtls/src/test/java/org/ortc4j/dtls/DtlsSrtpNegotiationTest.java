package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.UseSRTPData;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.internal.SrtpNegotiation;
import org.ortc4j.srtp.SrtpProfile;

/** RFC 5764 §4.1.1 use_srtp: the client's ordered offer, the server's single choice. */
class DtlsSrtpNegotiationTest {

    private static final List<SrtpProfile> DEFAULTS = RTCDtlsTransportOptions.defaults().srtpProfiles();

    @Test
    void theOfferListsTheProfileIdsInPreferenceOrderWithoutMki() {
        UseSRTPData offer = SrtpNegotiation.offer(DEFAULTS);

        assertThat(offer.getProtectionProfiles()).containsExactly(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
                SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
                SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32);
        assertThat(offer.getMki()).isEmpty();
    }

    @Test
    void theServerTakesTheFirstOfItsOwnListThatTheClientOffers() {
        UseSRTPData offer = new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32,
            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, 0x1234}, new byte[0]);

        assertThat(SrtpNegotiation.select(DEFAULTS, offer)).contains(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpNegotiation.select(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_32), offer))
                .contains(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        assertThat(SrtpNegotiation.select(List.of(SrtpProfile.AEAD_AES_128_GCM), offer)).isEmpty();
        assertThat(SrtpNegotiation.select(DEFAULTS, null)).isEmpty();
    }

    @Test
    void theClientRefusesAnAnswerItDidNotAskFor() throws Exception {
        List<SrtpProfile> offered = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80);

        assertThat(SrtpNegotiation.accept(offered, SrtpNegotiation.answer(SrtpProfile.AES_CM_128_HMAC_SHA1_80)))
                .contains(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpNegotiation.accept(offered, null)).isEmpty();
        assertThatThrownBy(() -> SrtpNegotiation.accept(offered, SrtpNegotiation.answer(SrtpProfile.AEAD_AES_128_GCM)))
                .isInstanceOf(TlsFatalAlert.class);
        assertThatThrownBy(() -> SrtpNegotiation.accept(offered, new UseSRTPData(new int[] {1, 2}, new byte[0])))
                .isInstanceOf(TlsFatalAlert.class);
        assertThatThrownBy(() -> SrtpNegotiation.accept(offered, new UseSRTPData(new int[] {1}, new byte[] {9})))
                .isInstanceOf(TlsFatalAlert.class);
    }
}
