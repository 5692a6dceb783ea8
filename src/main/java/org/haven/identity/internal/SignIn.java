package org.haven.identity.internal;

import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentAccount;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Completes signing in after the second factor (or its enrolment): full authorities and,
 * once more, a new session id. Only here are the email's earlier failures forgiven, since
 * only here are both factors known.
 */
@Component
public class SignIn {

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final AuditTrail audit;

	private final LoginThrottle throttle;

	SignIn(AuditTrail audit, LoginThrottle throttle) {
		this.audit = audit;
		this.throttle = throttle;
	}

	public void complete(CurrentAccount account, HttpServletRequest request, HttpServletResponse response) {
		Authentication full = Authorities.full(account);
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(full);
		holder.setContext(context);
		request.changeSessionId();
		repository.saveContext(context, request, response);
		throttle.recordSuccess(account.email());
		audit.record(AuditTrail.account(account.id()), "SIGN_IN_SUCCEEDED", AuditTrail.account(account.id()));
	}

	public void abandon(HttpServletRequest request) {
		holder.clearContext();
		var session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

}
