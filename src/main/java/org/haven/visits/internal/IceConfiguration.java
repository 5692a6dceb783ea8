package org.haven.visits.internal;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ICE servers of Haven's own configuration; with nothing configured (the embedded
 * default) there are none.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VisitsProperties.class)
class IceConfiguration {

	@Bean
	IceServerProvider iceServerProvider(VisitsProperties properties, Clock clock) {
		return new ConfiguredIceServers(properties, clock);
	}

}
