package org.ortc4j.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 5764 §4.2: how exported keying material splits into the two directions' keys. */
class DtlsSrtpKeysTest {

    @Test
    void splitsClientKeyServerKeyClientSaltServerSalt() {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        byte[] material = new byte[DtlsSrtpKeys.keyingMaterialLength(profile)];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }

        DtlsSrtpKeys keys = DtlsSrtpKeys.fromKeyingMaterial(profile, material);

        assertThat(material).hasSize(60);
        assertThat(keys.clientWrite().key()).startsWith(0, 1).hasSize(16);
        assertThat(keys.serverWrite().key()).startsWith(16, 17).hasSize(16);
        assertThat(keys.clientWrite().salt()).startsWith(32, 33).hasSize(14);
        assertThat(keys.serverWrite().salt()).startsWith(46, 47).hasSize(14);
        assertThat(keys.outbound(true)).isEqualTo(keys.clientWrite());
        assertThat(keys.inbound(true)).isEqualTo(keys.serverWrite());
        assertThat(keys.outbound(false)).isEqualTo(keys.serverWrite());
        assertThat(keys.inbound(false)).isEqualTo(keys.clientWrite());
    }

    @Test
    void gcmUsesTwelveByteSalts() {
        assertThat(DtlsSrtpKeys.keyingMaterialLength(SrtpProfile.AEAD_AES_128_GCM)).isEqualTo(56);
        assertThat(DtlsSrtpKeys.keyingMaterialLength(SrtpProfile.AEAD_AES_256_GCM)).isEqualTo(88);
    }

    @Test
    void wrongLengthsAreClearErrors() {
        assertThatThrownBy(() -> DtlsSrtpKeys.fromKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, new byte[60]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 56 bytes");
        assertThatThrownBy(() -> new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new byte[16], new byte[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14-byte master salt");
    }

    @Test
    void profilesCarryTheirDtlsSrtpIds() {
        // RFC 5764 §4.1.2 and RFC 7714 §14.2.
        assertThat(SrtpProfile.fromProtectionProfileId(0x0001)).contains(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpProfile.fromProtectionProfileId(0x0002)).contains(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        assertThat(SrtpProfile.fromProtectionProfileId(0x0007)).contains(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.fromProtectionProfileId(0x0008)).contains(SrtpProfile.AEAD_AES_256_GCM);
        assertThat(SrtpProfile.fromProtectionProfileId(0x0005)).isEmpty();
        assertThat(SrtpProfile.AES_256_CM_HMAC_SHA1_80.protectionProfileId()).isEmpty();
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_32.rtcpTagLength()).isEqualTo(10);
    }

    @Test
    void keysDoNotLeakThroughToString() {
        SrtpMasterKey key = new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM, new byte[16], new byte[12]);

        assertThat(key.toString()).isEqualTo("SrtpMasterKey[AEAD_AES_128_GCM]");
    }
}
