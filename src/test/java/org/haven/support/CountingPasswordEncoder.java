package org.haven.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The real encoder, counting its calls: equal work for known and unknown emails means
 * equal timing.
 */
public class CountingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final AtomicInteger matches = new AtomicInteger();

	private final AtomicInteger encodes = new AtomicInteger();

	public CountingPasswordEncoder(PasswordEncoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		encodes.incrementAndGet();
		return delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		matches.incrementAndGet();
		return delegate.matches(rawPassword, encodedPassword);
	}

	public int matchesCalls() {
		return matches.get();
	}

	public int encodeCalls() {
		return encodes.get();
	}

}
