package org.haven.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Headers that do not depend on the SMTP server, for a public address other than the
 * tests' localhost.
 */
class MimeMailTests {

	private final UUID id = UUID.randomUUID();

	@Test
	void theMessageIdIsTheOutboxIdAtTheHostOfThePublicAddress() throws Exception {
		MimeMail mime = new MimeMail(URI.create("https://care.example.org:8443/"));
		assertThat(mime.messageId(id)).isEqualTo("<" + id + "@care.example.org>");

		MimeMessage message = mime.write(new MimeMessage(Session.getInstance(new Properties())), id,
				"Haven <no-reply@care.example.org>",
				new MimeMail.Content("client@example.org", "Reminder: your Haven session", "Sign in.", null, null, null,
						"https://care.example.org/account/notifications"));
		assertThat(message.getHeader("Message-ID", null)).isEqualTo("<" + id + "@care.example.org>");
		assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(message.getHeader("List-Unsubscribe", null))
			.isEqualTo("<https://care.example.org/account/notifications>");
		assertThat(message.getHeader("List-Unsubscribe-Post")).as("there is no one-click endpoint").isNull();
	}

	@Test
	void aPublicAddressWithoutAHostIsRefused() {
		assertThatThrownBy(() -> new MimeMail(URI.create("file:///haven"))).hasMessageContaining("haven.base-url");
	}

}
