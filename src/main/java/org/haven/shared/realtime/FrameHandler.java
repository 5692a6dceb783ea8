package org.haven.shared.realtime;

import java.util.Set;

/**
 * A module's part of /ws: the frame types it answers. The endpoint has already checked
 * the frame's size, the connection's frame budget, the JSON shape and that the HTTP
 * session is still signed in; the handler checks the fields and the permission. Types are
 * unique across handlers (checked at start-up).
 */
public interface FrameHandler {

	Set<String> types();

	void handle(Connection connection, Frame frame);

	/** The connection closed, for whatever reason: forget it. */
	default void closed(Connection connection) {
	}

}
