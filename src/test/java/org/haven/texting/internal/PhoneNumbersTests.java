package org.haven.texting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers as people type them become E.164; what cannot receive texts, or costs the
 * sender to reach, is refused with a message for the person typing; inbound senders that
 * are not phone numbers are ignored; and numbers are only shown whole where meant to be.
 */
class PhoneNumbersTests {

	private static final String ENTER_A_NUMBER = "Enter a phone number that can receive texts, "
			+ "with its country code if it is outside the United States";

	private static final String NOT_FOR_TEXTS = "Texts cannot be sent to toll-free, premium-rate or shared-cost "
			+ "numbers; enter a mobile number";

	private final PhoneNumbers numbers = new PhoneNumbers("US");

	@ParameterizedTest
	@ValueSource(strings = { "(415) 555-2671", "415-555-2671", "415.555.2671", "415 555 2671", "4155552671",
			"1 415 555 2671", "+1 415 555 2671", "+1 (415) 555-2671", "+14155552671", "011 1 415 555 2671",
			"  415 555 2671\u00A0", "415\u2013555\u20132671" })
	void usNumbersInTheWaysPeopleWriteThem(String typed) {
		assertThat(this.numbers.parse(typed)).isEqualTo(new E164("+14155552671"));
	}

	@Test
	void theLibrarysExampleUsMobileIsAccepted() {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		String example = util.format(util.getExampleNumberForType("US", PhoneNumberType.MOBILE),
				PhoneNumberFormat.NATIONAL);
		assertThat(this.numbers.parse(example)).isEqualTo(new E164("+12015550123"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 7400 123456", "+447400123456", "00 44 7400 123456", "0044 7400 123456",
			"011 44 7400 123456", "+44 (0)7400 123456" })
	void ukMobilesWithTheirCountryCode(String typed) {
		assertThat(this.numbers.parse(typed)).isEqualTo(new E164("+447400123456"));
	}

	@Test
	void aUkMobileWithoutCountryCodeIsUkWhereTheDefaultRegionIsGb() {
		assertThat(new PhoneNumbers("GB").parse("07400 123456")).isEqualTo(new E164("+447400123456"));
		assertThat(new PhoneNumbers("GB").parse("00 1 415 555 2671")).isEqualTo(new E164("+14155552671"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\u00A0", "415-555-CALL", "1-800-FLOWERS", "415 555 2671 ext 5", "555-2671",
			"+1 415 555 2671 1234", "(015) 555-2671", "+999 1234 5678", "+", "++14155552671", "415+5552671" })
	void whatIsNotAPhoneNumberIsRefusedWithAMessageForThePerson(String typed) {
		assertThatThrownBy(() -> this.numbers.parse(typed)).isInstanceOf(PhoneNumbers.Invalid.class)
			.hasMessage(ENTER_A_NUMBER);
	}

	@Test
	void moreThanFortyCharactersIsNoNumberWhateverItHolds() {
		String forty = "415 555 2671" + " ".repeat(28);
		assertThat(this.numbers.parse(forty)).isEqualTo(new E164("+14155552671"));
		assertThatThrownBy(() -> this.numbers.parse(forty + " ")).isInstanceOf(PhoneNumbers.Invalid.class)
			.hasMessage(ENTER_A_NUMBER);
	}

	@Test
	void theMessageNamesTheDefaultRegionsCountry() {
		assertThatThrownBy(() -> new PhoneNumbers("GB").parse("12")).isInstanceOf(PhoneNumbers.Invalid.class)
			.hasMessage("Enter a phone number that can receive texts, "
					+ "with its country code if it is outside the United Kingdom");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 121 234 5678", "+44 20 7946 0958", "00 44 20 7946 0958" })
	void landlinesAreRefused(String typed) {
		assertThatThrownBy(() -> this.numbers.parse(typed)).isInstanceOf(PhoneNumbers.Invalid.class)
			.hasMessage("This looks like a landline; enter a mobile number");
	}

	@Test
	void numbersThatMayBeFixedOrMobileAreAccepted() {
		// North American numbers do not say which they are.
		assertThat(this.numbers.parse("+1 212 555 1234")).isEqualTo(new E164("+12125551234"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1-800-234-5678", "+1 900 234 5678", "+44 800 123 4567", "+44 901 234 5678",
			"+33 8 84 01 23 45", "+34 901 12 34 56" })
	void tollFreePremiumRateAndSharedCostNumbersAreRefused(String typed) {
		assertThatThrownBy(() -> this.numbers.parse(typed)).isInstanceOf(PhoneNumbers.Invalid.class)
			.hasMessage(NOT_FOR_TEXTS);
	}

	@Test
	void theDefaultRegionMustBeOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("XX"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("USA"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers(""));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers(null));
		assertThat(new PhoneNumbers("us").parse("415 555 2671")).isEqualTo(new E164("+14155552671"));
	}

	@Test
	void anInternationalSenderIsTakenAsItComes() {
		assertThat(this.numbers.fromSmsc("447400123456", (byte) 1, (byte) 1)).isEqualTo(new E164("+447400123456"));
		assertThat(this.numbers.fromSmsc("+447400123456", (byte) 1, (byte) 1)).isEqualTo(new E164("+447400123456"));
		assertThat(this.numbers.fromSmsc("+14155552671", (byte) 0, (byte) 0)).isEqualTo(new E164("+14155552671"));
	}

	@Test
	void aNationalOrUnknownSenderIsInTheDefaultRegion() {
		assertThat(this.numbers.fromSmsc("4155552671", (byte) 2, (byte) 1)).isEqualTo(new E164("+14155552671"));
		assertThat(this.numbers.fromSmsc("4155552671", (byte) 0, (byte) 0)).isEqualTo(new E164("+14155552671"));
		assertThat(this.numbers.fromSmsc("14155552671", (byte) 0, (byte) 1)).isEqualTo(new E164("+14155552671"));
	}

	@Test
	void anUnknownSenderMayBeInternationalWithoutItsPlus() {
		assertThat(this.numbers.fromSmsc("447400123456", (byte) 0, (byte) 1)).isEqualTo(new E164("+447400123456"));
		assertThat(this.numbers.fromSmsc("447400123456", (byte) 2, (byte) 1)).isNull();
	}

	@Test
	void anyRealNumberMayTextUsEvenOnesWeWouldNotTextThemselves() {
		// A STOP from a landline's text service still has to be honoured.
		assertThat(this.numbers.fromSmsc("441212345678", (byte) 1, (byte) 1)).isEqualTo(new E164("+441212345678"));
	}

	@Test
	void shortCodesAndAlphanumericSendersAreIgnored() {
		assertThat(this.numbers.fromSmsc("HAVEN", (byte) 5, (byte) 0)).isNull();
		assertThat(this.numbers.fromSmsc("HAVEN", (byte) 0, (byte) 0)).isNull();
		assertThat(this.numbers.fromSmsc("HAVEN", (byte) 1, (byte) 1)).isNull();
		assertThat(this.numbers.fromSmsc("4155552671", (byte) 5, (byte) 0)).isNull();
		assertThat(this.numbers.fromSmsc("12345", (byte) 3, (byte) 0)).isNull();
		assertThat(this.numbers.fromSmsc("12345", (byte) 0, (byte) 0)).isNull();
		assertThat(this.numbers.fromSmsc("12345", (byte) 2, (byte) 1)).isNull();
		assertThat(this.numbers.fromSmsc("", (byte) 1, (byte) 1)).isNull();
		assertThat(this.numbers.fromSmsc(null, (byte) 1, (byte) 1)).isNull();
	}

	@Test
	void maskedShowsOnlyTheCountryCodeAndLastDigits() {
		assertThat(this.numbers.masked(new E164("+14155552671"))).isEqualTo("+1 ••• ••• 2671");
		assertThat(this.numbers.masked(new E164("+447400123456"))).isEqualTo("+44 ••• ••• 3456");
		// Niue: four digits would be the whole national number.
		assertThat(this.numbers.masked(new E164("+6834002"))).isEqualTo("+683 ••• ••• 02");
		assertThat(this.numbers.masked(new E164("+9991234567"))).isEqualTo("+••• ••• 67");
	}

	@Test
	void displayIsTheInternationalFormat() {
		assertThat(this.numbers.display(new E164("+14155552671"))).isEqualTo("+1 415-555-2671");
		assertThat(this.numbers.display(new E164("+447400123456"))).isEqualTo("+44 7400 123456");
		assertThat(this.numbers.display(new E164("+9991234567"))).isEqualTo("+9991234567");
	}

	@Test
	void anE164IsOnlyThatShape() {
		assertThat(new E164("+14155552671").value()).isEqualTo("+14155552671");
		assertThatIllegalArgumentException().isThrownBy(() -> new E164("14155552671"));
		assertThatIllegalArgumentException().isThrownBy(() -> new E164("+04155552671"));
		assertThatIllegalArgumentException().isThrownBy(() -> new E164("+123456"));
		assertThatIllegalArgumentException().isThrownBy(() -> new E164("+1234567890123456"));
		assertThatIllegalArgumentException().isThrownBy(() -> new E164("+1 415 555 2671"));
		assertThatIllegalArgumentException().isThrownBy(() -> new E164(null));
	}

	@Test
	void anE164DoesNotPrintItselfWhole() {
		assertThat(new E164("+14155552671")).hasToString("E164[…2671]");
	}

}
