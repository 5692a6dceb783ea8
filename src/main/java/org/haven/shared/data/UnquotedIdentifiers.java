package org.haven.shared.data;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * Spring Data JDBC quotes identifiers in the dialect's letter case; unquoted, PostgreSQL
 * folds the names of the mappings to the lower case of the migrations, so a mapping never
 * has to spell a column exactly.
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
