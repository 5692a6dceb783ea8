package org.haven.records.web;

import java.util.List;

import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.records.internal.RiskAlerts;
import org.haven.records.internal.RiskAlerts.Alert;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * A signed-in therapist's unacknowledged risk alerts, for the banner the layout shows on
 * every page ({@code records/measures/alerts :: banner}): the client's name and a link,
 * nothing of their answers.
 */
@ControllerAdvice
class RiskBannerAdvice {

	private final RiskAlerts alerts;

	RiskBannerAdvice(RiskAlerts alerts) {
		this.alerts = alerts;
	}

	@ModelAttribute("riskAlerts")
	List<Alert> riskAlerts() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentAccount account)
				|| account.role() != Role.THERAPIST
				|| authentication.getAuthorities()
					.stream()
					.noneMatch(a -> Role.THERAPIST.authority().equals(a.getAuthority()))) {
			return List.of();
		}
		return alerts.open(account.id());
	}

}
