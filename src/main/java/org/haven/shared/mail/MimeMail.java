package org.haven.shared.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * The MIME form of a mail from the outbox.
 *
 * <ul>
 * <li>{@code Message-ID} is the outbox row's id at the host of Haven's public address
 * ({@code haven.base-url}), not JavaMail's {@code ...@localhost}: unique across
 * installations, and the same if a crash makes Haven send a mail twice, so mail clients
 * show it once.
 * <li>{@code Auto-Submitted: auto-generated} (RFC 3834): no mail is written by a person,
 * and vacation responders must not answer it.
 * <li>{@code List-Unsubscribe} (RFC 2369) on notices and reminders: the notification
 * preferences page. Haven has no one-click endpoint, so there is no
 * {@code List-Unsubscribe-Post} (RFC 8058), which would promise one.
 * <li>A mail with a file is {@code multipart/mixed}: the text, then the file as an
 * attachment. A calendar file's type carries its {@code method}, which Outlook requires
 * to match the file's METHOD.
 * </ul>
 */
final class MimeMail {

	private final String host;

	/**
	 * @param baseUrl Haven's public address, e.g. {@code https://care.example.org}
	 */
	MimeMail(URI baseUrl) {
		this.host = baseUrl.getHost();
		if (host == null || host.isBlank()) {
			throw new IllegalStateException("haven.base-url has no host: " + baseUrl);
		}
	}

	String messageId(UUID id) {
		return "<" + id + "@" + host + ">";
	}

	/** Fills in an empty message from the sender's session. */
	MimeMessage write(MimeMessage message, UUID id, String from, Content mail) throws MessagingException {
		boolean withFile = mail.attachment() != null;
		MimeMessageHelper helper = withFile
				? new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8")
				: new MimeMessageHelper(message, "UTF-8");
		helper.setFrom(from);
		helper.setTo(mail.recipient());
		helper.setSubject(mail.subject());
		helper.setText(mail.text());
		if (withFile) {
			helper.addAttachment(mail.attachmentName(),
					new ByteArrayDataSource(mail.attachment().getBytes(StandardCharsets.UTF_8), mail.attachmentType()));
		}
		message.setHeader("Message-ID", messageId(id));
		message.setHeader("Auto-Submitted", "auto-generated");
		if (mail.listUnsubscribe() != null) {
			message.setHeader("List-Unsubscribe", "<" + mail.listUnsubscribe() + ">");
		}
		return message;
	}

	/** A mail's parts, decrypted. */
	record Content(String recipient, String subject, String text, String attachmentName, String attachmentType,
			String attachment, String listUnsubscribe) {
	}

}
