package org.haven.care.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.haven.shared.demo.DemoMode;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: publishes the bundled telehealth consent template as the first version.
 */
@Component
class DemoConsent implements ApplicationRunner {

	static final String TEMPLATE = "/consent/telehealth-consent.md";

	private final DemoMode demoMode;

	private final Consents consents;

	DemoConsent(DemoMode demoMode, Consents consents) {
		this.demoMode = demoMode;
		this.consents = consents;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demoMode.enabled() && consents.current().isEmpty()) {
			consents.publish(null, "Telehealth informed consent", template());
		}
	}

	static String template() {
		try (InputStream in = DemoConsent.class.getResourceAsStream(TEMPLATE)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
