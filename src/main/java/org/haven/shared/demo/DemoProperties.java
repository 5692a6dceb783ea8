package org.haven.shared.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default.
 *
 * @param mode {@code auto} (on with the embedded database only, that is without a
 * datasource URL), {@code on} or {@code off}
 * @param allowPostgres demo mode on PostgreSQL must be asked for with this as well
 * @param smtpPort port of the in-process mail catcher
 */
@ConfigurationProperties("haven.demo")
public record DemoProperties(String mode, boolean allowPostgres, int smtpPort) {
}
