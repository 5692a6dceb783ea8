package org.haven.shared.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether Haven runs as the embedded default, with in-process stand-ins for the outside
 * world (mail catcher, demo accounts). Never on in production unless asked for twice.
 */
public final class DemoMode {

	private final boolean enabled;

	public DemoMode(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean enabled() {
		return enabled;
	}

	/**
	 * Whether a request came from this computer: the /dev pages answer no one else.
	 * {@code getRemoteAddr()} is always a literal address, so this never asks DNS.
	 */
	public static boolean isLoopback(String address) {
		try {
			return address != null && InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Decides demo mode from the setting and the database in use, refusing unsafe
	 * combinations. No datasource URL means the embedded database (Haven's own PostgreSQL
	 * under ./data); a URL means a database someone set up.
	 */
	static DemoMode decide(DemoProperties properties, String datasourceUrl) {
		String mode = properties.mode() == null ? "auto" : properties.mode().trim().toLowerCase();
		boolean embedded = datasourceUrl == null || datasourceUrl.isBlank();
		return switch (mode) {
			case "off", "false" -> new DemoMode(false);
			case "auto" -> new DemoMode(embedded);
			case "on", "true" -> {
				if (!embedded && !properties.allowPostgres()) {
					throw new IllegalStateException(
							"Demo mode seeds well-known accounts and is refused on a database other "
									+ "than the embedded one. Set HAVEN_DEMO_MODE=off, or HAVEN_DEMO_ALLOW_POSTGRES=true "
									+ "if this really is a throw-away database.");
				}
				yield new DemoMode(true);
			}
			default -> throw new IllegalStateException("haven.demo.mode must be auto, on or off, not '" + mode + "'");
		};
	}

}
