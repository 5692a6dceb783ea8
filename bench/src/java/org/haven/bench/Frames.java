package org.haven.bench;

/**
 * Just enough JSON reading for the hot path: the top-level {@code type} (Haven and the harness write it
 * first) and the first string field of a name. The harness shares two cores with the server it measures, so
 * it does not build a tree of every frame.
 */
final class Frames {

	private Frames() {
	}

	static String type(String frame) {
		String type = field(frame, "type");
		return type == null ? "" : type;
	}

	/** The first {@code "name":"value"} in the frame; values with escapes are not expected here. */
	static String field(String frame, String name) {
		String key = "\"" + name + "\":\"";
		int at = frame.indexOf(key);
		if (at < 0) {
			return null;
		}
		int from = at + key.length();
		int to = frame.indexOf('"', from);
		return to < 0 ? null : frame.substring(from, to);
	}
}
