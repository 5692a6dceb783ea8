package org.haven.shared.time;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Periodic work (outbox delivery, reminders, purging expired rows) runs on Spring's
 * scheduler. Event listeners of other modules run asynchronously after the commit, so a
 * slow listener never delays the page that caused the event, and one that fails is
 * retried from the event publication registry.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableAsync
class SchedulingConfiguration {

}
