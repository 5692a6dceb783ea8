package org.haven.shared.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The in-process mail catcher of demo mode (absent otherwise). */
public final class DemoMailCatcher {

	private final GreenMail greenMail;

	DemoMailCatcher(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public boolean running() {
		return greenMail != null;
	}

	/** Newest first. */
	public List<CaughtMail> messages() {
		if (greenMail == null) {
			return List.of();
		}
		List<CaughtMail> result = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			try {
				Address[] to = message.getAllRecipients();
				result.add(0, new CaughtMail(to == null ? "" : String.join(", ", Arrays.stream(to).map(Address::toString).toList()),
						message.getSubject(), message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString(),
						GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=")));
			}
			catch (MessagingException ex) {
				result.add(0, new CaughtMail("", "(unreadable message)", "", ""));
			}
		}
		return result;
	}

	void stop() {
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	public record CaughtMail(String to, String subject, String sent, String body) {
	}
}
