package org.haven.texting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.haven.texting.internal.DemoSmsc;

/**
 * One in-process SMSC per test JVM, speaking SMPP over TCP on 127.0.0.1; the application
 * under test binds to it, and tests read what Haven texted and text Haven "from a phone".
 */
public final class TestSmsc {

	public static final String SYSTEM_ID = "haven-app";

	public static final String PASSWORD = "apppass";

	/** The number Haven texts from in the tests. */
	public static final String HAVEN_NUMBER = "15550100";

	private static DemoSmsc smsc;

	private TestSmsc() {
	}

	public static synchronized DemoSmsc server() {
		if (smsc == null) {
			try {
				smsc = new DemoSmsc(0, SYSTEM_ID, PASSWORD, Clock.systemUTC());
				smsc.receiptDelay(Duration.ofMillis(20));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return smsc;
	}

	public static int port() {
		return server().port();
	}

	/** The texts sent to a number (E.164, with or without its +), oldest first. */
	public static List<DemoSmsc.Text> to(String e164) {
		String digits = e164.startsWith("+") ? e164.substring(1) : e164;
		List<DemoSmsc.Text> texts = new java.util.ArrayList<>(
				server().texts().stream().filter(t -> t.to().equals(digits) && t.complete()).toList());
		java.util.Collections.reverse(texts);
		return texts;
	}

	/** Waits for the n-th text (1-based) to a number; texts go out in the background. */
	public static DemoSmsc.Text awaitText(String e164, int n) {
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> to(e164).size() >= n);
		return to(e164).get(n - 1);
	}

	private static final java.util.concurrent.atomic.AtomicInteger numbers = new java.util.concurrent.atomic.AtomicInteger(
			(int) (System.nanoTime() % 4000));

	/** A US mobile number no other test uses: +1 203 555 xxxx. */
	public static String newNumber() {
		return String.format("+1203555%04d", 1000 + numbers.incrementAndGet() % 9000);
	}

	/**
	 * Gives the signed-in person {@code number}, proved with the code Haven texts it, and
	 * saves their choices (form fields of /account/texts, e.g. {@code reminders=true}).
	 */
	public static void verify(org.haven.support.WebSession person, String number,
			java.util.Map<String, String> choices) {
		int before = to(number).size();
		person.submit("/account/texts", "/account/texts/number", java.util.Map.of("number", number));
		java.util.regex.Matcher code = java.util.regex.Pattern.compile("code is ([0-9]{6})")
			.matcher(awaitText(number, before + 1).body());
		if (!code.find()) {
			throw new AssertionError("No code in the text to " + number);
		}
		String verified = person.post("/account/texts/verify", java.util.Map.of("code", code.group(1))).location();
		if (verified == null || !verified.endsWith("?verified")) {
			throw new AssertionError("The code was not taken: " + verified);
		}
		String saved = person.post("/account/texts/choices", choices).location();
		if (saved == null || !saved.endsWith("?saved")) {
			throw new AssertionError("The choices were not saved: " + saved);
		}
	}

	/** Texts Haven from a phone and waits until Haven has taken it. */
	public static void fromPhone(String e164, String body) {
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(server()::linked);
		try {
			server().sendFromPhone(e164, HAVEN_NUMBER, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
