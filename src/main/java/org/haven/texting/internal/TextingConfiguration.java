package org.haven.texting.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import org.haven.shared.demo.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the SMPP link to the configured SMSC, or in demo mode (with no SMSC configured)
 * to an in-process one on 127.0.0.1. Without either, texting is off and nothing binds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TextingProperties.class)
class TextingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TextingConfiguration.class);

	static final String DEMO_SYSTEM_ID = "haven";

	static final String DEMO_PASSWORD = "demo";

	@Bean
	PhoneNumbers phoneNumbers(TextingProperties properties) {
		return new PhoneNumbers(properties.defaultRegion());
	}

	@Bean(destroyMethod = "close")
	DemoSmscHolder demoSmsc(DemoMode demoMode, TextingProperties properties, Clock clock) throws IOException {
		if (!demoMode.enabled() || properties.smsc().configured()) {
			return new DemoSmscHolder(null);
		}
		DemoSmsc smsc;
		try {
			smsc = new DemoSmsc(properties.demoSmscPort(), DEMO_SYSTEM_ID, DEMO_PASSWORD, clock);
		}
		catch (java.net.BindException ex) {
			// Another program (another Haven, say) has the port: any free one does as
			// well,
			// since only this Haven binds to it.
			log.warn("Demo mode: port {} is taken; the in-process SMSC listens on another one",
					properties.demoSmscPort());
			smsc = new DemoSmsc(0, DEMO_SYSTEM_ID, DEMO_PASSWORD, clock);
		}
		log.info("Demo mode: texts go to an in-process SMSC on 127.0.0.1:{} and are shown at /dev/sms", smsc.port());
		return new DemoSmscHolder(smsc);
	}

	@Bean
	Texting texting(TextOutbox outbox, TextingProperties properties, DemoSmscHolder demo, InboundTexts inbound,
			Recipients recipients, Clock clock) {
		TextingProperties.Smsc smsc = properties.smsc();
		if (!smsc.configured() && demo.smsc().isPresent()) {
			smsc = new TextingProperties.Smsc("127.0.0.1", demo.smsc().get().port(), DEMO_SYSTEM_ID, DEMO_PASSWORD, "",
					DemoSmsc.HAVEN_NUMBER, (byte) 1, (byte) 1, false);
		}
		if (!smsc.configured()) {
			log.info("Texting is off: no SMSC configured (haven.texting.smsc.host)");
			return new Texting(outbox, null, recipients, null);
		}
		return new Texting(outbox,
				new SmppLink(outbox, properties, smsc, new SmscListener(outbox, inbound, clock), recipients, clock),
				recipients, smsc.sourceAddress());
	}

}
