package org.haven.support;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** One GreenMail SMTP server per test JVM; tests read what Haven sent from it. */
public final class TestMail {

	private static GreenMail greenMail;

	private TestMail() {
	}

	public static synchronized GreenMail server() {
		if (greenMail == null) {
			greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			greenMail.start();
		}
		return greenMail;
	}

	private static int port;

	public static synchronized int port() {
		if (port == 0) {
			port = server().getSmtp().getPort();
		}
		return port;
	}

	/**
	 * Takes the SMTP server away, as an outage would; {@link #restart()} brings it back
	 * on the same port.
	 */
	public static synchronized void stop() {
		port();
		server().stop();
	}

	public static synchronized void restart() {
		greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
	}

	public static List<MimeMessage> to(String address) {
		return Arrays.stream(server().getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equalsIgnoreCase(address));
			}
			catch (MessagingException ex) {
				return false;
			}
		}).toList();
	}

	/**
	 * Waits for the n-th mail (1-based) to an address; mail goes out in the background.
	 */
	public static MimeMessage awaitMail(String address, int n) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> to(address).size() >= n);
		return to(address).get(n - 1);
	}

	public static String body(MimeMessage message) {
		return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The path and query of the first Haven link in a mail, e.g.
	 * {@code /verify-email?token=...}.
	 */
	public static String link(MimeMessage message, String path) {
		Matcher matcher = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(path) + "[^\\s]*)")
			.matcher(body(message));
		if (!matcher.find()) {
			throw new AssertionError("No link to " + path + " in: " + body(message));
		}
		return matcher.group(1);
	}

}
