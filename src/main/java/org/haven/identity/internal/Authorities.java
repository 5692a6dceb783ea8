package org.haven.identity.internal;

import java.util.List;

import org.haven.identity.CurrentAccount;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities of each stage of signing in. After the password alone an account that
 * needs a second factor holds only {@link #SECOND_FACTOR_PENDING} (or
 * {@link #ENROLMENT_PENDING} when it has none yet), which opens no page but the challenge
 * (or the enrolment); the role comes with the second factor.
 */
public final class Authorities {

	public static final String SECOND_FACTOR_PENDING = "SIGN_IN_SECOND_FACTOR_PENDING";

	public static final String ENROLMENT_PENDING = "SIGN_IN_ENROLMENT_PENDING";

	private Authorities() {
	}

	static Authentication afterPassword(Account account) {
		CurrentAccount principal = new CurrentAccount(account.id(), account.email(), account.role());
		if (account.totpEnabled()) {
			return authenticated(principal, SECOND_FACTOR_PENDING);
		}
		if (account.role().requiresSecondFactor()) {
			return authenticated(principal, ENROLMENT_PENDING);
		}
		return full(principal);
	}

	public static Authentication full(CurrentAccount principal) {
		return authenticated(principal, principal.role().authority());
	}

	/**
	 * Whether signing in still needs a second factor or its enrolment after this stage.
	 */
	static boolean anotherStepPending(Authentication authentication) {
		return has(authentication, SECOND_FACTOR_PENDING) || has(authentication, ENROLMENT_PENDING);
	}

	public static boolean has(Authentication authentication, String authority) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
	}

	public static CurrentAccount current(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof CurrentAccount current) {
			return current;
		}
		return null;
	}

	private static Authentication authenticated(CurrentAccount principal, String authority) {
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(authority));
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
	}

}
