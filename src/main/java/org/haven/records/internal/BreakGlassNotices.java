package org.haven.records.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.haven.shared.mail.Mailer;
import org.haven.shared.mail.OutgoingMail;
import org.haven.shared.web.PublicLinks;
import org.springframework.stereotype.Component;

/**
 * Tells the client's treating therapists and the other admins at once that an admin
 * opened a client's record in an emergency. The mail says who opened a record and until
 * when, with a link: never the client's name, never the reason (which may hold health
 * data), which Haven shows to those allowed to see it. Queued in the grant's transaction
 * (the mail outbox), once per grant and recipient.
 */
@Component
class BreakGlassNotices {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final Accounts accounts;

	private final CareRelationships care;

	private final Mailer mailer;

	private final PublicLinks links;

	BreakGlassNotices(Accounts accounts, CareRelationships care, Mailer mailer, PublicLinks links) {
		this.accounts = accounts;
		this.care = care;
		this.mailer = mailer;
		this.links = links;
	}

	void granted(UUID grantId, UUID adminId, UUID clientId, Instant expires) {
		String admin = accounts.find(adminId).map(AccountSummary::displayName).orElse("An administrator");
		String until = WHEN.format(expires.atZone(ZoneOffset.UTC));
		care.partiesOf(clientId)
			.stream()
			.filter(party -> party.active() && party.isClient(clientId))
			.map(CareRelationships.Party::therapistId)
			.distinct()
			.forEach(therapist -> send(grantId, therapist,
					admin + " opened emergency access to the record of one of" + " your clients, until " + until + ".",
					"/records/clients/" + clientId));
		accounts.activeWithRole(Role.ADMIN)
			.stream()
			.filter(other -> !other.id().equals(adminId))
			.forEach(other -> send(grantId, other.id(),
					admin + " opened emergency access to a client's record, until " + until + ".",
					"/admin/break-glass"));
	}

	private void send(UUID grantId, UUID recipientId, String what, String path) {
		accounts.emailOf(recipientId)
			.ifPresent(email -> mailer.send(OutgoingMail.of(email, "Emergency access to a record in Haven",
					"Hello,\n\n" + what + "\n\nEvery read made through emergency access is audited. See who opened it"
							+ " and why in Haven:\n" + links.to(path) + "\n\nHaven")
				.once("break-glass:" + grantId + ":" + recipientId)));
	}

}
