package org.haven.scheduling.internal;

import java.time.DayOfWeek;
import org.haven.identity.Accounts;
import org.haven.shared.demo.DemoMode;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: free times to book. Dr. Reyes keeps weekday office hours; Sam Okafor is
 * open around the clock with half-hourly 25-minute sessions and no minimum notice, so
 * that a new user can book a session that starts within half an hour and try a video call
 * at once.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoAvailability implements ApplicationRunner {

	private final DemoMode demoMode;

	private final Accounts accounts;

	private final Availability availability;

	DemoAvailability(DemoMode demoMode, Accounts accounts, Availability availability) {
		this.demoMode = demoMode;
		this.accounts = accounts;
		this.availability = availability;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demoMode.enabled()) {
			return;
		}
		accounts.findByEmail("therapist@demo.haven.test")
			.filter(a -> availability.rules(a.id()).isEmpty())
			.ifPresent(a -> {
				for (String day : new String[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }) {
					availability.addRule(a.id(), day, "09:00", "12:00");
					availability.addRule(a.id(), day, "13:00", "17:00");
				}
			});
		accounts.findByEmail("therapist2@demo.haven.test")
			.filter(a -> availability.rules(a.id()).isEmpty())
			.ifPresent(a -> {
				for (DayOfWeek day : DayOfWeek.values()) {
					availability.addRule(a.id(), day.name(), "00:00", "23:59");
				}
				availability.saveSettings(a.id(), new Availability.Settings(25, 5, 0, 14));
			});
	}

}
