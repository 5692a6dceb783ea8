package org.haven.identity.web;

import org.haven.identity.CurrentAccount;
import org.haven.identity.internal.Authorities;
import org.haven.identity.internal.IdentityPropertiesView;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page: who is signed in (fully), and the idle timeout for
 * the warning.
 */
@ControllerAdvice
class NavigationAdvice {

	private final IdentityPropertiesView properties;

	NavigationAdvice(IdentityPropertiesView properties) {
		this.properties = properties;
	}

	@ModelAttribute("nav")
	Nav nav() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		CurrentAccount account = Authorities.current(authentication);
		boolean full = account != null && Authorities.has(authentication, account.role().authority());
		return new Nav(full ? account : null, account != null && !full, full ? properties.idleWarningSeconds() : null);
	}

	record Nav(CurrentAccount account, boolean halfSignedIn, Long idleSeconds) {

		public boolean signedIn() {
			return account != null;
		}

		public boolean admin() {
			return account != null && account.role().name().equals("ADMIN");
		}
	}

}
