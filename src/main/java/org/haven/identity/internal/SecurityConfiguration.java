package org.haven.identity.internal;

import java.time.Clock;
import java.util.List;

import org.haven.audit.AuditTrail;
import org.haven.identity.AccessRules;
import org.haven.identity.CurrentAccount;
import org.haven.shared.realtime.RealtimeConnections;
import org.haven.shared.web.ApiProblems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The security chain. Pages and API share one chain and one session; the API answers 401
 * instead of redirecting to the sign-in page. Who may reach what is {@link RequestRules}:
 * identity's own paths and those each module contributes as {@link AccessRules}. See
 * docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; "
			+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, Clock clock, IdentityProperties properties,
			AuditTrail audit, RealtimeConnections realtime, List<AccessRules> modules,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings)
			throws Exception {
		RequestRules rules = RequestRules.of(modules);
		UnhandledPaths unhandled = new UnhandledPaths(mappings::getObject);
		// The provider is a bean, so Spring Security registers it once, globally; adding
		// it to this chain as
		// well would check every failed password twice (and count the failure twice).
		http.authorizeHttpRequests(requests -> rules.applyTo(requests, unhandled))
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.passwordParameter("password")
				.successHandler(successHandler(clock))
				.failureHandler(failureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").addLogoutHandler((request, response, authentication) -> {
				CurrentAccount account = Authorities.current(authentication);
				if (account != null) {
					audit.record(AuditTrail.account(account.id()), "SIGNED_OUT", AuditTrail.account(account.id()));
				}
				var session = request.getSession(false);
				if (session != null) {
					realtime.closeForHttpSession(session.getId());
				}
			}).logoutSuccessUrl("/login?signedOut"))
			.requestCache(cache -> cache.requestCache(pageRequestCache()))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint())
				.accessDeniedHandler(accessDeniedHandler()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frame -> frame.deny())
				.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
				.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
						"camera=(self), microphone=(self), display-capture=(self), geolocation=()")))
			// After the CSRF check, so that a refused (possibly forged) request does not
			// count as activity.
			.addFilterAfter(new SessionTimeoutFilter(clock, properties, audit), CsrfFilter.class);
		return http.build();
	}

	/**
	 * After the password: on to the second factor, its enrolment, or the page that was
	 * asked for.
	 */
	private static AuthenticationSuccessHandler successHandler(Clock clock) {
		SavedRequestAwareAuthenticationSuccessHandler target = new SavedRequestAwareAuthenticationSuccessHandler();
		target.setDefaultTargetUrl("/home");
		return (request, response, authentication) -> {
			SessionTimeoutFilter.markSignedIn(request, clock);
			if (Authorities.has(authentication, Authorities.SECOND_FACTOR_PENDING)) {
				response.sendRedirect(request.getContextPath() + "/login/2fa");
			}
			else if (Authorities.has(authentication, Authorities.ENROLMENT_PENDING)) {
				response.sendRedirect(request.getContextPath() + "/account/2fa/setup");
			}
			else {
				target.onAuthenticationSuccess(request, response, authentication);
			}
		};
	}

	/**
	 * Only pages are remembered for after sign-in: returning someone to an API URL would
	 * show raw JSON.
	 */
	private static RequestCache pageRequestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !api.matches(request));
		return cache;
	}

	/**
	 * Pages send anonymous visitors to sign in; the API answers 401 as a problem,
	 * whatever the Accept header.
	 */
	private static AuthenticationEntryPoint entryPoint() {
		AuthenticationEntryPoint api = (request, response, exception) -> ApiProblems.write(response,
				ApiProblems.problem(HttpStatus.UNAUTHORIZED,
						"Sign in first: the API is authenticated by the session cookie of a sign-in.", request));
		AuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint("/login");
		RequestMatcher apiPaths = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		return (request, response, exception) -> (apiPaths.matches(request) ? api : pages).commence(request, response,
				exception);
	}

	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> response.sendRedirect(request.getContextPath()
				+ (exception instanceof DisabledException ? "/login?unverified" : "/login?error"));
	}

	/**
	 * Someone half-way through signing in is sent back to the step they must finish;
	 * others get 403. A request without a valid CSRF token is always refused with 403: it
	 * may not come from Haven's own page, and a redirect would make it look like an
	 * ordinary step of signing in.
	 */
	private static AccessDeniedHandler accessDeniedHandler() {
		AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
		return (request, response, exception) -> {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean api = ApiProblems.isApi(request);
			boolean page = !api && !(exception instanceof CsrfException);
			if (api) {
				ApiProblems.write(response, ApiProblems.problem(HttpStatus.FORBIDDEN, exception instanceof CsrfException
						? "The request carries no valid CSRF token: send the page's token in the X-CSRF-TOKEN header."
						: "This account may not do this.", request));
			}
			else if (page && Authorities.has(authentication, Authorities.SECOND_FACTOR_PENDING)) {
				response.sendRedirect(request.getContextPath() + "/login/2fa");
			}
			else if (page && Authorities.has(authentication, Authorities.ENROLMENT_PENDING)) {
				response.sendRedirect(request.getContextPath() + "/account/2fa/setup");
			}
			else {
				forbidden.handle(request, response, exception);
			}
		};
	}

}
