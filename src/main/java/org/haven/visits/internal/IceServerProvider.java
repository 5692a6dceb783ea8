package org.haven.visits.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Where a visit's browsers find STUN and TURN servers. Behind an interface so that a
 * hosted TURN service with its own credential API can replace the configured servers
 * without touching the visit room.
 */
public interface IceServerProvider {

	/**
	 * The ICE servers for this account's browser; TURN credentials in it expire after
	 * {@link #credentialLifetime()}.
	 */
	List<IceServer> iceServersFor(UUID accountId);

	/**
	 * How long the credentials handed out now remain valid, so the browser knows when to
	 * ask again.
	 */
	Duration credentialLifetime();

}
