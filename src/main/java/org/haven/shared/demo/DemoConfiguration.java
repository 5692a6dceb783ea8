package org.haven.shared.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

	@Bean
	DemoMode demoMode(DemoProperties properties, @Value("${spring.datasource.url:}") String datasourceUrl) {
		return DemoMode.decide(properties, datasourceUrl);
	}

	/**
	 * In demo mode an in-process mail catcher stands in for SMTP; /dev/mail shows what it
	 * caught.
	 */
	@Bean(destroyMethod = "stop")
	DemoMailCatcher demoMailCatcher(DemoMode demoMode, DemoProperties properties) {
		if (!demoMode.enabled()) {
			return new DemoMailCatcher(null);
		}
		GreenMail greenMail = new GreenMail(
				new ServerSetup(properties.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		log.info("Demo mode: mail is caught in-process on 127.0.0.1:{} and shown at /dev/mail", properties.smtpPort());
		return new DemoMailCatcher(greenMail);
	}

}
