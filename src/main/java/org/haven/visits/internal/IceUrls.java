package org.haven.visits.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of STUN (RFC 7064) and TURN (RFC 7065) URLs: {@code scheme:host[:port]}, and
 * for TURN an optional {@code ?transport=udp|tcp}. Checked at start-up because a browser
 * silently skips an ICE server it cannot parse, and a call that needs the relay then
 * fails with nothing in Haven's log to say why.
 */
final class IceUrls {

	private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

	// Host names and IPv4 addresses share the label syntax; an IPv6 literal is bracketed
	// and checked apart.
	private static final Pattern URL = Pattern.compile("(?<scheme>[a-z]+):(?:(?<name>" + LABEL + "(?:\\." + LABEL
			+ ")*)|\\[(?<ipv6>[0-9A-Fa-f:.]+)\\])(?::(?<port>[0-9]{1,5}))?(?:\\?transport=(?<transport>udp|tcp))?");

	private IceUrls() {
	}

	/**
	 * @throws IllegalArgumentException naming the setting and the URL, if it is not a
	 * STUN URL
	 */
	static String stun(String key, String url) {
		return check(key, url, "stun", "stun:stun.example.org:3478", false);
	}

	/**
	 * @throws IllegalArgumentException naming the setting and the URL, if it is not a
	 * TURN URL
	 */
	static String turn(String key, String url) {
		return check(key, url, "turn", "turn:turn.example.org:3478?transport=udp", true);
	}

	private static String check(String key, String url, String scheme, String example, boolean transportAllowed) {
		Matcher parts = URL.matcher(url);
		boolean valid = parts.matches()
				&& (parts.group("scheme").equals(scheme) || parts.group("scheme").equals(scheme + "s"))
				&& (parts.group("ipv6") == null || ipv6(parts.group("ipv6")))
				&& (parts.group("port") == null || port(parts.group("port")))
				&& (transportAllowed || parts.group("transport") == null);
		if (!valid) {
			throw new IllegalArgumentException(key + " has \"" + url + "\", which is not a " + scheme.toUpperCase()
					+ " URL: write " + scheme + ":host[:port]" + (transportAllowed ? "[?transport=udp|tcp]" : "")
					+ " (or " + scheme + "s: for TLS), e.g. " + example);
		}
		return url;
	}

	private static boolean port(String digits) {
		int port = Integer.parseInt(digits);
		return port >= 1 && port <= 65535;
	}

	private static boolean ipv6(String literal) {
		if (literal.indexOf(':') < 0) {
			return false;
		}
		try {
			// Only hex digits, colons and dots reach here, in brackets: parsed as a
			// literal, never looked up.
			return InetAddress.getByName("[" + literal + "]").getAddress().length == 16;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
