package org.haven.shared.data;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Spring Data JDBC quotes identifiers in each dialect's own letter case (upper case for H2), which then
 * no longer match the lower-case names of the migrations. Unquoted, both H2 (DATABASE_TO_LOWER) and
 * PostgreSQL fold names to lower case, so one set of migrations and mappings serves both.
 */
@Configuration(proxyBeanMethods = false)
class UnquotedIdentifiers {

	@Bean
	static BeanPostProcessor unquotedRelationalIdentifiers() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof RelationalMappingContext context) {
					context.setForceQuote(false);
				}
				return bean;
			}
		};
	}
}
