package org.haven.visits.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One entry of RTCPeerConnection's {@code iceServers}: STUN entries carry no username or
 * credential (they are left out of the JSON, whatever the application's default), TURN
 * entries carry short-lived ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {

	public IceServer {
		urls = List.copyOf(urls);
	}

	static IceServer withoutCredentials(List<String> urls) {
		return new IceServer(urls, null, null);
	}
}
