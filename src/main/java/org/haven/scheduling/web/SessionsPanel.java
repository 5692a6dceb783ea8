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

import org.haven.directory.Modality;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.scheduling.JoinWindow;
import org.haven.scheduling.SessionRooms;
import org.haven.scheduling.SessionRooms.RoomState;
import org.haven.scheduling.internal.Appointment;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.internal.Availability;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sessions on the home page: a client's next session with move and cancel; a therapist's
 * sessions of today (who is waiting, who is in session, what has ended) and of the next
 * seven days, on their own clock. "Join now" appears only while a session can be joined:
 * from 15 minutes before its start until its end, unless it was ended before that. A
 * session that was ended is no longer a client's next one.
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

	private final ObjectProvider<SessionRooms> rooms;

	SessionsPanel(AppointmentStore store, Availability availability, Accounts accounts, Clock clock,
			ObjectProvider<SessionRooms> rooms) {
		this.store = store;
		this.rooms = rooms;
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
			List<Appointment> all = store.upcoming(account.id());
			Map<UUID, RoomState> states = states(all);
			List<Appointment> upcoming = all.stream().filter(a -> states.get(a.id()) != RoomState.ENDED).toList();
			Optional<SessionView> next = upcoming.stream()
				.findFirst()
				.map(a -> view(a, a.therapistId(), DAY_AND_TIME, states));
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
			Map<UUID, RoomState> states = states(
					upcoming.stream().filter(a -> a.start().isBefore(endOfToday)).toList());
			List<SessionView> todays = upcoming.stream()
				.filter(a -> a.start().isBefore(endOfToday))
				.map(a -> view(a, a.clientId(), TIME, states))
				.toList();
			List<SessionView> week = upcoming.stream()
				.filter(a -> !a.start().isBefore(endOfToday) && a.start().isBefore(endOfWeek))
				.map(a -> view(a, a.clientId(), DAY_AND_TIME, Map.of()))
				.toList();
			long waiting = todays.stream().filter(v -> v.state().equals("waiting")).count();
			return Optional.of(new Panel("scheduling/panels", "therapistWeek",
					Map.of("today", todays, "week", week, "zone", zone.getId(), "waiting", waiting, "todayLabel",
							today.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH)))));
		}
		return Optional.empty();
	}

	private Map<UUID, RoomState> states(List<Appointment> appointments) {
		SessionRooms contributor = rooms.getIfAvailable();
		if (contributor == null || appointments.isEmpty()) {
			return Map.of();
		}
		return contributor.statesOf(appointments.stream().map(Appointment::id).toList());
	}

	private SessionView view(Appointment a, UUID other, DateTimeFormatter format, Map<UUID, RoomState> states) {
		ZoneId zone = availability.zoneOf(a.therapistId()).orElse(ZoneId.of("UTC"));
		Instant now = clock.instant();
		JoinWindow window = JoinWindow.of(a.start(), a.end());
		RoomState state = states.get(a.id());
		boolean joinable = window.isOpen(now) && state != RoomState.ENDED;
		return new SessionView(a.id(), format.format(a.start().atZone(zone)), zone.getId(),
				accounts.find(other).map(AccountSummary::displayName).orElse("(unknown)"),
				Modality.wordsFor(a.modality()), a.modality().equals("VIDEO") || a.modality().equals("AUDIO"), joinable,
				TIME.format(window.opens().atZone(zone)), state == null ? "" : switch (state) {
					case CLIENT_WAITING -> "waiting";
					case IN_SESSION -> "in-session";
					case ENDED -> "ended";
				});
	}

	/**
	 * @param modality how they meet, in words
	 * @param call whether it is a video or an audio session (it has a room)
	 * @param joinable whether the session can be joined now (from 15 minutes before the
	 * start until its end, unless it was ended)
	 * @param opensAt when it can be joined, on the same clock as {@code when}
	 * @param state {@code waiting}, {@code in-session}, {@code ended}, or empty
	 */
	record SessionView(UUID id, String when, String zone, String with, String modality, boolean call, boolean joinable,
			String opensAt, String state) {

		static final SessionView NONE = new SessionView(null, "", "", "", "", false, false, "", "");

		/**
		 * A video or audio session that is open leads straight to its room; otherwise to
		 * its page.
		 */
		public String joinHref() {
			return (joinable && call ? "/visits/" : "/appointments/") + id;
		}
	}

}
