package org.haven.scheduling.internal;

import org.haven.identity.Accounts;
import org.haven.shared.demo.DemoMode;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo mode only: weekday office hours for the demo therapists, so there are free times to book. */
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
		for (String email : new String[] { "therapist@demo.haven.test", "therapist2@demo.haven.test" }) {
			accounts.findByEmail(email).filter(a -> availability.rules(a.id()).isEmpty()).ifPresent(a -> {
				for (String day : new String[] { "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }) {
					availability.addRule(a.id(), day, "09:00", "12:00");
					availability.addRule(a.id(), day, "13:00", "17:00");
				}
			});
		}
	}
}
