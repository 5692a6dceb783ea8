package org.haven.shared.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Haven's error endpoint in place of Boot's, and requests whose parameters cannot be read
 * refused before anything reads them.
 */
@Configuration(proxyBeanMethods = false)
class ErrorConfiguration {

	@Bean
	HavenErrorController errorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> resolvers) {
		return new HavenErrorController(errorAttributes, web.getError(), resolvers.orderedStream().toList());
	}

	@Bean
	FilterRegistrationBean<MalformedParameterFilter> malformedParameterFilter() {
		FilterRegistrationBean<MalformedParameterFilter> registration = new FilterRegistrationBean<>(
				new MalformedParameterFilter());
		// Right after the character encoding filter (which must set the encoding before
		// anything decodes).
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
