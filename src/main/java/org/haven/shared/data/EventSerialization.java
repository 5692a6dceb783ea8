package org.haven.shared.data;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * How the event publication registry stores events: as JSON through the application's one
 * JsonMapper, the mapper Spring Modulith's own serializer would pick too. Modulith's
 * looks that mapper up in the context again for every event; with an event for every
 * group of chat messages, the lookup alone cost more than the writing.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

	@Bean
	EventSerializer eventSerializer(JsonMapper json) {
		return new EventSerializer() {

			@Override
			public Object serialize(Object event) {
				return json.writeValueAsString(event);
			}

			@Override
			public <T> T deserialize(Object serialized, Class<T> type) {
				return json.readValue(serialized.toString(), type);
			}
		};
	}

}
