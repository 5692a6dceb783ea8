package org.haven.texting.internal;

import java.util.Optional;

/** The in-process SMSC, when demo mode runs one (for the /dev/sms page). */
public final class DemoSmscHolder implements AutoCloseable {

	private final DemoSmsc instance;

	DemoSmscHolder(DemoSmsc instance) {
		this.instance = instance;
	}

	public Optional<DemoSmsc> smsc() {
		return Optional.ofNullable(instance);
	}

	@Override
	public void close() {
		if (instance != null) {
			instance.close();
		}
	}

}
