package org.haven.identity.web;

import java.util.List;

import org.haven.identity.CurrentAccount;
import org.haven.identity.UnreadCount;
import org.haven.identity.internal.Authorities;
import org.haven.identity.internal.IdentityPropertiesView;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the layout needs on every page: who is signed in (fully), the idle timeout for the
 * warning, the page's own path (its navigation link is marked current) and how many
 * messages wait unread.
 */
@ControllerAdvice
class NavigationAdvice {

	private final IdentityPropertiesView properties;

	private final List<UnreadCount> unreadCounts;

	NavigationAdvice(IdentityPropertiesView properties, List<UnreadCount> unreadCounts) {
		this.properties = properties;
		this.unreadCounts = unreadCounts;
	}

	@ModelAttribute("nav")
	Nav nav(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		CurrentAccount account = Authorities.current(authentication);
		boolean full = account != null && Authorities.has(authentication, account.role().authority());
		int unread = full ? unreadCounts.stream().mapToInt(count -> count.unreadFor(account)).sum() : 0;
		return new Nav(full ? account : null, account != null && !full, full ? properties.idleWarningSeconds() : null,
				path(request), unread);
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/**
	 * @param path the page's path, without the context path
	 * @param unread messages waiting unread, for the navigation's badge
	 */
	record Nav(CurrentAccount account, boolean halfSignedIn, Long idleSeconds, String path, int unread) {

		/** Whether the navigation link to {@code href} is this page's. */
		public boolean current(String href) {
			return href.equals(path);
		}

		public boolean signedIn() {
			return account != null;
		}

		public boolean admin() {
			return account != null && account.role().name().equals("ADMIN");
		}
	}

}
