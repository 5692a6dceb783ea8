package org.haven.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The 10,000 most common passwords, from the frequency-ranked password list that ships
 * inside zxcvbn4j (bundled with the application, nothing is downloaded).
 */
final class CommonPasswords {

	static final int SIZE = 10_000;

	private static final String RESOURCE = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

	private final Set<String> passwords;

	private CommonPasswords(Set<String> passwords) {
		this.passwords = Set.copyOf(passwords);
	}

	static CommonPasswords load() {
		try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The common-password list is missing from the class path");
			}
			Set<String> top = new HashSet<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while (top.size() < SIZE && (line = reader.readLine()) != null) {
				String word = line.trim();
				if (!word.isEmpty()) {
					top.add(word.toLowerCase(Locale.ROOT));
				}
			}
			return new CommonPasswords(top);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean contains(String password) {
		return passwords.contains(password.toLowerCase(Locale.ROOT));
	}

	int size() {
		return passwords.size();
	}

}
