package dev.switchboard.wrapper.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Recognising a redelivered offer, and a renegotiation. */
class SdpOffersTest {
  private static final String OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:abcd\r\na=ice-pwd:secret\r\n";

  @Test
  void theSameTextIsTheSameOffer() {
    assertThat(SdpOffers.same(OFFER, OFFER)).isTrue();
  }

  @Test
  void lineEndingsAndBlankLinesDoNotMatter() {
    assertThat(SdpOffers.same(OFFER.replace("\r\n", "\n") + "\n", OFFER)).isTrue();
  }

  @Test
  void aReserialisedOfferWithTheSameOriginAndCredentialsIsTheSame() {
    String reserialised = OFFER.replace("s=-\r\n", "s=Kurento\r\n");
    assertThat(SdpOffers.same(reserialised, OFFER)).isTrue();
  }

  @Test
  void newIceCredentialsMeanARenegotiation() {
    String renegotiated = OFFER.replace("abcd", "wxyz").replace(" 2 IN", " 3 IN");
    assertThat(SdpOffers.same(OFFER, renegotiated)).isFalse();
    assertThat(SdpOffers.same(null, OFFER)).isFalse();
  }
}
