package org.haven.identity.internal;

import org.springframework.stereotype.Component;

/**
 * The sign-in throttle, as the second-factor step sees it: wrong codes count like wrong
 * passwords.
 */
@Component
public class SignInGuard {

	private final LoginThrottle throttle;

	SignInGuard(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	public boolean allowed(String email, String address) {
		return throttle.allowed(email, address);
	}

	public void recordFailure(String email, String address) {
		throttle.recordFailure(email, address);
	}

}
