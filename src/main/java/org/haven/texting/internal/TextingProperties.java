package org.haven.texting.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Texting: the SMSC Haven binds to and how it sends.
 *
 * @param smsc the SMSC; without a host, texting is off (in demo mode Haven runs its own)
 * @param window how many {@code submit_sm} may wait for their response at once
 * @param rate how many {@code submit_sm} per second at most (each segment of a long text
 * is one)
 * @param enquireLink how often the link is checked with {@code enquire_link} while idle
 * @param responseTimeout how long a request waits for the SMSC's response
 * @param rebindMin first pause before binding again after the link dropped or a bind
 * failed; it doubles up to {@code rebindMax}
 * @param rebindMax longest pause between binds
 * @param giveUpAfter a text the SMSC keeps refusing for a passing reason (throttled,
 * queue full) is given up after this long
 * @param demoSmscPort port of the in-process SMSC on 127.0.0.1 in demo mode (0: any free
 * port)
 * @param defaultRegion where numbers typed without a country code are (ISO 3166, e.g. US)
 * @param practiceName the name a HELP answer gives
 * @param helpContact where a HELP answer sends people (a phone number, an address or a
 * web page); empty: Haven's public address
 * @param codesPerAddress verification codes one client address may have sent in an hour
 * (several people may share an address: a clinic, a family)
 */
@ConfigurationProperties("haven.texting")
public record TextingProperties(@DefaultValue Smsc smsc, @DefaultValue("10") int window,
		@DefaultValue("20") double rate, @DefaultValue("30s") Duration enquireLink,
		@DefaultValue("10s") Duration responseTimeout, @DefaultValue("1s") Duration rebindMin,
		@DefaultValue("60s") Duration rebindMax, @DefaultValue("2d") Duration giveUpAfter,
		@DefaultValue("2775") int demoSmscPort, @DefaultValue("US") String defaultRegion,
		@DefaultValue("Haven") String practiceName, @DefaultValue("") String helpContact,
		@DefaultValue("10") int codesPerAddress) {

	public TextingProperties {
		if (practiceName.isBlank() || practiceName.length() > 40) {
			throw new IllegalArgumentException("haven.texting.practice-name must be 1 to 40 characters");
		}
		if (helpContact.length() > 80) {
			throw new IllegalArgumentException("haven.texting.help-contact must be at most 80 characters");
		}
		if (window < 1 || window > 100) {
			throw new IllegalArgumentException("haven.texting.window must be between 1 and 100");
		}
		if (!(rate > 0) || rate > 10_000) {
			throw new IllegalArgumentException("haven.texting.rate must be above 0 and at most 10000 per second");
		}
		if (rebindMin.isNegative() || rebindMin.isZero() || rebindMax.compareTo(rebindMin) < 0) {
			throw new IllegalArgumentException(
					"haven.texting.rebind-min must be positive and haven.texting.rebind-max at least as long");
		}
		if (responseTimeout.isNegative() || responseTimeout.isZero() || enquireLink.isNegative()
				|| enquireLink.isZero()) {
			throw new IllegalArgumentException(
					"haven.texting.response-timeout and haven.texting.enquire-link must be positive");
		}
	}

	/**
	 * @param host the SMSC's host name; empty: no SMSC
	 * @param port its SMPP port
	 * @param systemId the ESME account Haven binds as
	 * @param password its password (at most 8 characters in SMPP 3.4)
	 * @param systemType the system type the provider asks for, often empty
	 * @param sourceAddress the number or sender name texts come from
	 * @param sourceTon its type of number (1 international, 2 national, 3 network
	 * specific, 5 alphanumeric)
	 * @param sourceNpi its numbering plan (1 ISDN/E.164, 0 unknown)
	 * @param tls connect with TLS (the provider's certificate checked against the JVM's
	 * trust store)
	 */
	public record Smsc(@DefaultValue("") String host, @DefaultValue("2775") int port, @DefaultValue("") String systemId,
			@DefaultValue("") String password, @DefaultValue("") String systemType,
			@DefaultValue("") String sourceAddress, @DefaultValue("1") byte sourceTon,
			@DefaultValue("1") byte sourceNpi, @DefaultValue("false") boolean tls) {

		public boolean configured() {
			return !host.isBlank();
		}

	}

}
