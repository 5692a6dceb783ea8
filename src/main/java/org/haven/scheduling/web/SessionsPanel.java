package org.haven.scheduling.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.scheduling.JoinWindow;
import org.haven.scheduling.internal.Appointment;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.internal.Availability;
import org.springframework.stereotype.Component;

/**
 * Sessions on the home page: a client's next session with join, move and cancel; a
 * therapist's sessions of today and of the next seven days, on their own clock, each with
 * its join link.
 */
@Component
class SessionsPanel implements HomePanel {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private final AppointmentStore store;

	private final Availability availability;

	private final Accounts accounts;

	private final Clock clock;

	SessionsPanel(AppointmentStore store, Availability availability, Accounts accounts, Clock clock) {
		this.store = store;
		this.availability = availability;
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() == Role.CLIENT) {
			List<Appointment> upcoming = store.upcoming(account.id());
			Optional<SessionView> next = upcoming.stream().findFirst().map(a -> view(a, a.therapistId(), DAY_AND_TIME));
			return Optional
				.of(new Panel("scheduling/panels", "clientNext", Map.of("next", next.orElse(SessionView.NONE),
						"hasNext", next.isPresent(), "moreCount", Math.max(0, upcoming.size() - 1))));
		}
		if (account.role() == Role.THERAPIST) {
			ZoneId zone = availability.zoneOf(account.id()).orElse(ZoneId.of("UTC"));
			LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
			Instant endOfToday = today.plusDays(1).atStartOfDay(zone).toInstant();
			Instant endOfWeek = today.plusDays(8).atStartOfDay(zone).toInstant();
			List<Appointment> upcoming = store.upcoming(account.id());
			List<SessionView> todays = upcoming.stream()
				.filter(a -> a.start().isBefore(endOfToday))
				.map(a -> view(a, a.clientId(), TIME))
				.toList();
			List<SessionView> week = upcoming.stream()
				.filter(a -> !a.start().isBefore(endOfToday) && a.start().isBefore(endOfWeek))
				.map(a -> view(a, a.clientId(), DAY_AND_TIME))
				.toList();
			return Optional.of(new Panel("scheduling/panels", "therapistWeek",
					Map.of("today", todays, "week", week, "zone", zone.getId(), "todayLabel",
							today.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH)))));
		}
		return Optional.empty();
	}

	private SessionView view(Appointment a, UUID other, DateTimeFormatter format) {
		ZoneId zone = availability.zoneOf(a.therapistId()).orElse(ZoneId.of("UTC"));
		Instant now = clock.instant();
		boolean joinable = JoinWindow.of(a.start(), a.end()).hasOpened(now);
		return new SessionView(a.id(), format.format(a.start().atZone(zone)), zone.getId(),
				accounts.find(other).map(AccountSummary::displayName).orElse("(unknown)"),
				a.modality().toLowerCase(Locale.ROOT), joinable);
	}

	/**
	 * @param joinable whether the session is close enough to join (from 15 minutes before
	 * the start)
	 */
	record SessionView(UUID id, String when, String zone, String with, String modality, boolean joinable) {

		static final SessionView NONE = new SessionView(null, "", "", "", "", false);

		/**
		 * A video or audio session that is open leads straight to its room; otherwise to
		 * its page.
		 */
		public String joinHref() {
			boolean call = modality.equals("video") || modality.equals("audio");
			return (joinable && call ? "/visits/" : "/appointments/") + id;
		}
	}

}
