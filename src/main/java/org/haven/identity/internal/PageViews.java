package org.haven.identity.internal;

import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentAccount;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every page a signed-in person opens is in the audit trail ({@code PAGE_VIEW}, the
 * person, and the page's path without its query, which may hold what was typed in a
 * search): who looked at what, and when. The entry is committed before the page is
 * rendered; when it cannot be written, the page is not shown. Entries of many requests
 * share one transaction ({@link AuditTrail#recordRead}), so page views do not queue for
 * the trail's lock one by one.
 *
 * <p>
 * Pages only: API reads, downloads and the scripts' JSON are not page views (reads of
 * health data among them have entries of their own), nor are static files.
 */
@Configuration(proxyBeanMethods = false)
class PageViews implements WebMvcConfigurer {

	static final String ACTION = "PAGE_VIEW";

	private final AuditTrail audit;

	PageViews(AuditTrail audit) {
		this.audit = audit;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new Recorder());
	}

	static boolean isPage(HandlerMethod method) {
		return !method.hasMethodAnnotation(ResponseBody.class)
				&& !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
				&& !HttpEntity.class.isAssignableFrom(method.getReturnType().getParameterType());
	}

	private final class Recorder implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			// Error pages and forwards belong to the request that led to them.
			if (request.getDispatcherType() != DispatcherType.REQUEST || !"GET".equals(request.getMethod())
					|| !(handler instanceof HandlerMethod method) || !isPage(method)) {
				return true;
			}
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			CurrentAccount account = Authorities.current(authentication);
			if (account == null || !Authorities.has(authentication, account.role().authority())) {
				return true;
			}
			String path = request.getRequestURI().substring(request.getContextPath().length());
			audit.recordRead(AuditTrail.account(account.id()), ACTION, "page:" + path);
			return true;
		}

	}

}
