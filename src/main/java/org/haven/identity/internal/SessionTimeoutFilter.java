package org.haven.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentAccount;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a signed-in session after the idle timeout (15 minutes by default) or the absolute
 * limit (12 hours), measured with the application clock. The session store expires idle
 * sessions as well; this filter makes the rule exact and testable, and covers the
 * absolute limit, which the store does not.
 */
class SessionTimeoutFilter extends OncePerRequestFilter {

	static final String SIGNED_IN_AT = "haven.signedInAt";
	static final String LAST_SEEN = "haven.lastSeen";

	private final Clock clock;

	private final Duration idle;

	private final Duration absolute;

	private final Duration touchEvery;

	private final AuditTrail audit;

	SessionTimeoutFilter(Clock clock, IdentityProperties properties, AuditTrail audit) {
		this.clock = clock;
		this.idle = properties.session().idleTimeout();
		this.absolute = properties.session().absoluteTimeout();
		this.touchEvery = properties.session().touchEvery();
		this.audit = audit;
	}

	/**
	 * A read (GET or HEAD) counts as activity without writing the session while its
	 * last-seen time is less than {@link IdentityProperties.Session#touchEvery()} old;
	 * anything else (the idle warning's "stay signed in" first of all) always writes it.
	 */
	private static boolean isRead(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

	/** Starts both clocks of a session at the moment of signing in. */
	static void markSignedIn(HttpServletRequest request, Clock clock) {
		HttpSession session = request.getSession();
		session.setAttribute(SIGNED_IN_AT, clock.millis());
		session.setAttribute(LAST_SEEN, clock.millis());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		CurrentAccount account = session == null ? null
				: Authorities.current(SecurityContextHolder.getContext().getAuthentication());
		if (account != null) {
			long now = clock.millis();
			Long signedInAt = (Long) session.getAttribute(SIGNED_IN_AT);
			Long lastSeen = (Long) session.getAttribute(LAST_SEEN);
			if (signedInAt == null || lastSeen == null) {
				session.setAttribute(SIGNED_IN_AT, now);
			}
			else if (now - lastSeen >= idle.toMillis() || now - signedInAt >= absolute.toMillis()) {
				boolean idleExpiry = now - lastSeen >= idle.toMillis();
				audit.record(AuditTrail.account(account.id()),
						idleExpiry ? "SESSION_IDLE_TIMEOUT" : "SESSION_ABSOLUTE_TIMEOUT",
						AuditTrail.account(account.id()));
				session.invalidate();
				SecurityContextHolder.clearContext();
				if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
					response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
				}
				else {
					response.sendRedirect(request.getContextPath() + "/login?timeout");
				}
				return;
			}
			if (lastSeen == null || now - lastSeen >= touchEvery.toMillis() || !isRead(request)) {
				session.setAttribute(LAST_SEEN, now);
			}
		}
		chain.doFilter(request, response);
	}

}
