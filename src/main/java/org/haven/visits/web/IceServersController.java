package org.haven.visits.web;

import java.util.List;

import org.haven.identity.CurrentAccount;
import org.haven.visits.internal.IceServer;
import org.haven.visits.internal.IceServerProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The ICE servers a visit's browser passes to RTCPeerConnection (/api/v1/visits/** is for
 * clients and therapists).
 */
@RestController
class IceServersController {

	private final IceServerProvider iceServers;

	IceServersController(IceServerProvider iceServers) {
		this.iceServers = iceServers;
	}

	@Operation(operationId = "getIceServers", summary = "STUN and TURN servers for a visit (clients and therapists)",
			tags = "Visits",
			description = "Shaped as RTCConfiguration; TURN credentials are valid for ttlSeconds and never cached.")
	@GetMapping("/api/v1/visits/ice-servers")
	ResponseEntity<IceServers> iceServers(@AuthenticationPrincipal CurrentAccount me) {
		// The credentials open the relay to whoever holds them: no cache, shared or
		// private, may keep them.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new IceServers(iceServers.iceServersFor(me.id()), iceServers.credentialLifetime().toSeconds()));
	}

	/**
	 * Shaped as RTCConfiguration, so the page can hand {@code iceServers} to
	 * RTCPeerConnection as it is.
	 */
	record IceServers(List<IceServer> iceServers, long ttlSeconds) {
	}

}
