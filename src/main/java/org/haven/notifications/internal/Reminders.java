package org.haven.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.Accounts;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.shared.mail.Mailer;
import org.haven.texting.TextReminders;
import org.haven.shared.mail.OutgoingMail;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.PublicLinks;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders before sessions (by default 24 hours and 1 hour before), stored as rows when
 * an appointment is booked or moved. A reminder is claimed ({@code for update skip
 * locked}, then its sent_at set) in the same transaction that puts its mail in the
 * outbox: it goes out once and only once, whichever node finds it due and whether or not
 * Haven restarted in between; a node that dies holding it rolls back, and the reminder is
 * due again for every node. Reminders whose time has already passed when a session is
 * booked are not scheduled.
 */
@Service
@EnableConfigurationProperties(NotificationProperties.class)
public class Reminders {

	private final JdbcClient jdbc;

	private final Appointments appointments;

	private final Accounts accounts;

	private final Preferences preferences;

	private final Mailer mailer;

	private final TextReminders texts;

	private final PublicLinks links;

	private final NotificationProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	private final TransactionTemplate savepoint;

	Reminders(JdbcClient jdbc, Appointments appointments, Accounts accounts, Preferences preferences, Mailer mailer,
			TextReminders texts, PublicLinks links, NotificationProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		this.texts = texts;
		this.jdbc = jdbc;
		this.appointments = appointments;
		this.accounts = accounts;
		this.preferences = preferences;
		this.mailer = mailer;
		this.links = links;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Schedules the reminders for the appointment's current time, replacing any for an
	 * earlier time.
	 */
	void schedule(AppointmentDetails appointment) {
		jdbc.sql(
				"delete from appointment_reminder where appointment_id = :id and sent_at is null and starts_at <> :start")
			.param("id", appointment.id())
			.param("start", Timestamps.utc(appointment.start()))
			.update();
		Instant now = clock.instant();
		for (UUID party : List.of(appointment.clientId(), appointment.therapistId())) {
			for (Duration lead : properties.reminders()) {
				Instant due = appointment.start().minus(lead);
				if (due.isAfter(now)) {
					insert(appointment, party, lead, due);
				}
			}
		}
	}

	private void insert(AppointmentDetails appointment, UUID party, Duration lead, Instant due) {
		try {
			savepoint.executeWithoutResult(status -> jdbc.sql("""
					insert into appointment_reminder (id, appointment_id, account_id, lead_minutes, starts_at, due_at)
					values (:id, :appointment, :account, :lead, :start, :due)""")
				.param("id", UUID.randomUUID())
				.param("appointment", appointment.id())
				.param("account", party)
				.param("lead", (int) lead.toMinutes())
				.param("start", Timestamps.utc(appointment.start()))
				.param("due", Timestamps.utc(due))
				.update());
		}
		catch (DuplicateKeyException alreadyScheduled) {
			// The same event delivered again (after a restart): the reminder exists.
		}
	}

	void drop(UUID appointmentId) {
		jdbc.sql("delete from appointment_reminder where appointment_id = :id and sent_at is null")
			.param("id", appointmentId)
			.update();
	}

	@Scheduled(fixedDelayString = "${haven.notifications.poll-interval:30s}")
	void poll() {
		sendDue();
	}

	/**
	 * Puts every due reminder's mail in the outbox; returns how many were sent (not
	 * skipped).
	 */
	public int sendDue() {
		List<UUID> due = jdbc.sql(
				"select id from appointment_reminder where sent_at is null and due_at <= :now order by due_at limit 200")
			.param("now", Timestamps.utc(clock.instant()))
			.query(UUID.class)
			.list();
		int sent = 0;
		for (UUID id : due) {
			if (Boolean.TRUE.equals(transaction.execute(status -> sendOne(id)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean sendOne(UUID id) {
		Instant now = clock.instant();
		// Skip locked: a reminder another node holds is that node's to send; waiting for
		// it would only find it sent, while the rest of the batch waits too.
		Optional<Due> claimed = jdbc.sql("""
				select appointment_id, account_id, lead_minutes, starts_at from appointment_reminder
				where id = :id and sent_at is null for update skip locked""")
			.param("id", id)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					Duration.ofMinutes(rs.getInt(3)), rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
		if (claimed.isEmpty()) {
			return false; // another node or round has it, or sent it
		}
		Due reminder = claimed.get();
		jdbc.sql("update appointment_reminder set sent_at = :now where id = :id")
			.param("now", Timestamps.utc(now))
			.param("id", id)
			.update();
		Optional<AppointmentDetails> appointment = appointments.find(reminder.appointmentId())
			.filter(a -> !a.cancelled() && a.start().equals(reminder.start()) && a.start().isAfter(now));
		Preferences.Choice choice = preferences.of(reminder.accountId());
		Optional<String> email = accounts.emailOf(reminder.accountId());
		if (appointment.isEmpty()) {
			jdbc.sql("update appointment_reminder set skipped = true where id = :id").param("id", id).update();
			return false;
		}
		AppointmentDetails a = appointment.get();
		ZoneId zone = choice.timeZone() == null ? a.therapistZone() : choice.timeZone();
		boolean forClient = a.clientId().equals(reminder.accountId());
		// By text as well, for whoever asked for it on their verified number; the text
		// says
		// when, never with whom or why.
		boolean texted = texts.remind(reminder.accountId(), NoticeText.textReminder(a.start(), zone, reminder.lead()),
				zone, a.start());
		if (!choice.emailReminders() || email.isEmpty()) {
			if (!texted) {
				jdbc.sql("update appointment_reminder set skipped = true where id = :id").param("id", id).update();
			}
			return texted;
		}
		mailer
			.send(OutgoingMail
				.of(email.get(), "Reminder: your Haven session",
						NoticeText.reminder(a, forClient, zone, reminder.lead(),
								appointments.joinLink(a.id()).toString()))
				.once("reminder:" + id)
				.notAfter(a.start())
				.unsubscribeAt(links.to(Preferences.PAGE)));
		return true;
	}

	private record Due(UUID appointmentId, UUID accountId, Duration lead, Instant start) {
	}

}
