package org.haven.notifications.internal;

import java.time.ZoneId;
import java.util.UUID;

import org.haven.identity.Accounts;
import org.haven.scheduling.AppointmentBooked;
import org.haven.scheduling.AppointmentCancelled;
import org.haven.scheduling.AppointmentChanged;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.scheduling.CalendarInvitation;
import org.haven.shared.mail.Mailer;
import org.haven.shared.mail.OutgoingMail;
import org.haven.shared.web.PublicLinks;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells both parties when an appointment is booked, moved or cancelled, with an iCalendar
 * file that calendars add without asking for a reply (METHOD:PUBLISH, or METHOD:CANCEL to
 * remove it) whose SEQUENCE grows with each change, and keeps the reminders in step.
 *
 * <p>
 * The listeners run from the event publication registry: an event whose listener did not
 * finish (a crash, a failure) is delivered again after a restart. Each mail's dedupe key
 * is the appointment's version and the recipient, so a second delivery stores nothing
 * new. A notice follows the appointment's current state: if it was cancelled before the
 * booking notice went out, the booking notice is not sent.
 */
@Component
class AppointmentNotices {

	private final Appointments appointments;

	private final Accounts accounts;

	private final Preferences preferences;

	private final Reminders reminders;

	private final Mailer mailer;

	private final PublicLinks links;

	AppointmentNotices(Appointments appointments, Accounts accounts, Preferences preferences, Reminders reminders,
			Mailer mailer, PublicLinks links) {
		this.appointments = appointments;
		this.accounts = accounts;
		this.preferences = preferences;
		this.reminders = reminders;
		this.mailer = mailer;
		this.links = links;
	}

	@ApplicationModuleListener
	void on(AppointmentBooked event) {
		appointments.find(event.appointmentId()).filter(a -> !a.cancelled()).ifPresent(a -> {
			reminders.schedule(a);
			notify(a, "Your Haven session is booked",
					(forClient, zone) -> NoticeText.booked(a, forClient, zone, link(a)));
		});
	}

	@ApplicationModuleListener
	void on(AppointmentChanged event) {
		appointments.find(event.appointmentId()).filter(a -> !a.cancelled()).ifPresent(a -> {
			reminders.schedule(a);
			notify(a, "Your Haven session has moved",
					(forClient, zone) -> NoticeText.changed(a, forClient, zone, event.previousStart(), link(a)));
		});
	}

	@ApplicationModuleListener
	void on(AppointmentCancelled event) {
		appointments.find(event.appointmentId()).filter(AppointmentDetails::cancelled).ifPresent(a -> {
			reminders.drop(a.id());
			notify(a, "Your Haven session is cancelled",
					(forClient, zone) -> NoticeText.cancelled(a, forClient, zone, link(a)));
		});
	}

	private void notify(AppointmentDetails a, String subject, Body body) {
		send(a, a.clientId(), true, subject, body);
		send(a, a.therapistId(), false, subject, body);
	}

	private void send(AppointmentDetails a, UUID recipient, boolean forClient, String subject, Body body) {
		Preferences.Choice choice = preferences.of(recipient);
		if (!choice.emailNotices()) {
			return;
		}
		accounts.emailOf(recipient).ifPresent(email -> {
			ZoneId zone = choice.timeZone() == null ? a.therapistZone() : choice.timeZone();
			CalendarInvitation calendar = appointments.invitation(a, email);
			mailer.send(OutgoingMail.of(email, subject, body.text(forClient, zone))
				.withAttachment(
						new OutgoingMail.Attachment(calendar.filename(), calendar.contentType(), calendar.text()))
				.unsubscribeAt(links.to(Preferences.PAGE))
				.once("appointment:" + a.id() + ":" + a.sequence() + ":" + recipient));
		});
	}

	private String link(AppointmentDetails a) {
		return appointments.joinLink(a.id()).toString();
	}

	@FunctionalInterface
	interface Body {

		String text(boolean forClient, ZoneId zone);

	}

}
