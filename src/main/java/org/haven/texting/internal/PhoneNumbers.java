package org.haven.texting.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as people type them and as SMSCs send them, turned into {@link E164}, and
 * back into text for pages and logs.
 */
public final class PhoneNumbers {

	/**
	 * Far longer than any number with its spaces and brackets; anything longer is not
	 * one.
	 */
	private static final int MAX_INPUT = 40;

	/**
	 * What people put between digits; letters (vanity numbers, "ext.") are not accepted.
	 */
	private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Zs}().\\-/\\p{Pd}]");

	private static final Pattern DIALLED = Pattern.compile("\\+?[0-9]+");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	/**
	 * Numbers texts are not sent to: the caller pays for premium-rate and shared-cost
	 * ones (the way SMS pumping fraud makes money), toll-free, pager, UAN and voicemail
	 * numbers are not someone's phone.
	 */
	private static final Set<PhoneNumberType> NOT_FOR_TEXTS = EnumSet.of(PhoneNumberType.PREMIUM_RATE,
			PhoneNumberType.SHARED_COST, PhoneNumberType.TOLL_FREE, PhoneNumberType.PAGER, PhoneNumberType.UAN,
			PhoneNumberType.VOICEMAIL);

	private static final byte TON_UNKNOWN = 0;

	private static final byte TON_INTERNATIONAL = 1;

	private static final byte TON_NATIONAL = 2;

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final String region;

	private final String invalid;

	/**
	 * @param region where numbers typed without a country code are, as an ISO 3166 code
	 * such as {@code US}
	 */
	public PhoneNumbers(String region) {
		if (region == null || !this.util.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT))) {
			throw new IllegalArgumentException("Unknown phone number region: " + region);
		}
		this.region = region.toUpperCase(Locale.ROOT);
		String country = new Locale("", this.region).getDisplayCountry(Locale.ENGLISH);
		this.invalid = "Enter a phone number that can receive texts, with its country code if it is outside the "
				+ country;
	}

	/**
	 * A number someone typed, for sending texts to.
	 * @param input the number as typed
	 * @return the number
	 * @throws Invalid if it is not a number texts can be sent to, with a message for the
	 * person who typed it
	 */
	public E164 parse(String input) {
		if (input == null || input.isBlank() || input.length() > MAX_INPUT) {
			throw new Invalid(this.invalid);
		}
		String dialled = SEPARATORS.matcher(input).replaceAll("");
		if (!DIALLED.matcher(dialled).matches()) {
			throw new Invalid(this.invalid);
		}
		PhoneNumber number = valid(dialled, this.region);
		// 00 is the international prefix in most of the world, but not where the default
		// region dials 011 (North America), so people abroad would otherwise be refused.
		if (number == null && dialled.startsWith("00")) {
			number = valid("+" + dialled.substring(2), this.region);
		}
		E164 e164 = e164(number);
		if (e164 == null) {
			throw new Invalid(this.invalid);
		}
		PhoneNumberType type = this.util.getNumberType(number);
		if (type == PhoneNumberType.FIXED_LINE) {
			throw new Invalid("This looks like a landline; enter a mobile number");
		}
		if (NOT_FOR_TEXTS.contains(type)) {
			throw new Invalid("Texts cannot be sent to toll-free, premium-rate or shared-cost numbers; "
					+ "enter a mobile number");
		}
		return e164;
	}

	/**
	 * The sender of an inbound text, from its SMPP source address.
	 * @param address the source address
	 * @param ton its type of number
	 * @param npi its numbering plan indicator; not used, as SMSCs fill it in so unevenly
	 * that trusting it would drop texts (an opt-out among them) from real phones
	 * @return the number, or {@code null} for senders that are not phone numbers (short
	 * codes, alphanumeric senders)
	 */
	public E164 fromSmsc(String address, byte ton, byte npi) {
		if (address == null) {
			return null;
		}
		String trimmed = address.strip();
		if (ton == TON_INTERNATIONAL || trimmed.startsWith("+")) {
			String digits = trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
			return DIGITS.matcher(digits).matches() ? e164(valid("+" + digits, this.region)) : null;
		}
		if (ton != TON_NATIONAL && ton != TON_UNKNOWN) {
			return null;
		}
		if (!DIGITS.matcher(trimmed).matches()) {
			return null;
		}
		PhoneNumber number = valid(trimmed, this.region);
		// Some SMSCs send international numbers without a '+' and with an unknown TON.
		if (number == null && ton == TON_UNKNOWN) {
			number = valid("+" + trimmed, this.region);
		}
		return e164(number);
	}

	/**
	 * The number with all but its country code and last digits hidden, for logs and pages
	 * that must not show it whole.
	 * @param number the number
	 * @return e.g. {@code +1 ••• ••• 2671}
	 */
	public String masked(E164 number) {
		String value = number.value();
		PhoneNumber parsed = parsed(value);
		if (parsed == null) {
			return "+••• ••• " + value.substring(value.length() - 2);
		}
		String national = this.util.getNationalSignificantNumber(parsed);
		// A short national number would be nearly all shown by its last four digits.
		int shown = (national.length() >= 8) ? 4 : 2;
		return "+" + parsed.getCountryCode() + " ••• ••• " + national.substring(national.length() - shown);
	}

	/**
	 * The number as written internationally, for the person it belongs to.
	 * @param number the number
	 * @return e.g. {@code +1 415-555-2671}
	 */
	public String display(E164 number) {
		PhoneNumber parsed = parsed(number.value());
		return (parsed != null) ? this.util.format(parsed, PhoneNumberFormat.INTERNATIONAL) : number.value();
	}

	private PhoneNumber valid(String dialled, String region) {
		try {
			PhoneNumber number = this.util.parse(dialled, region);
			return this.util.isValidNumber(number) ? number : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	/**
	 * A stored number, valid or not: numbering plans change after a number was stored,
	 * and it still has to be shown.
	 */
	private PhoneNumber parsed(String value) {
		try {
			return this.util.parse(value, this.region);
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	private E164 e164(PhoneNumber number) {
		if (number == null) {
			return null;
		}
		String value = this.util.format(number, PhoneNumberFormat.E164);
		// The library's idea of a valid number is wider than E.164's shape in corners
		// (very short numbers); those are refused rather than stored malformed.
		try {
			return new E164(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A number texts cannot be sent to; the message is for the person who typed it.
	 */
	public static final class Invalid extends IllegalArgumentException {

		Invalid(String message) {
			super(message);
		}

	}

}
