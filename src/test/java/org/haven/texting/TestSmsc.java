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
