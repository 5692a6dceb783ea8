package org.haven.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ContentVersionStrategy;

/**
 * The version of an ES module (in its file name, as with {@link ContentVersionStrategy})
 * is a digest of its own bytes and of every module it imports, directly or not. A
 * module's served text names its imports' versions ({@link ModuleImportTransformer}), so
 * when an imported module changes, the importing module's text changes too and must get a
 * new URL; a digest of its own bytes alone would keep the old URL, and browsers would
 * keep the old import for a year.
 */
class ModuleGraphVersionStrategy extends ContentVersionStrategy {

	@Override
	public String getResourceVersion(Resource resource) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			add(resource, digest, new HashSet<>());
			return HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource.getDescription(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Depth first in the order of the imports, each module once (imports may form
	 * cycles).
	 */
	private static void add(Resource module, MessageDigest digest, Set<String> seen) throws IOException {
		if (!module.exists() || !seen.add(module.getURI().normalize().toString())) {
			return;
		}
		byte[] content = module.getContentAsByteArray();
		digest.update(content);
		Matcher imports = ModuleImports.in(new String(content, StandardCharsets.UTF_8));
		while (imports.find()) {
			add(module.createRelative(imports.group(ModuleImports.SPECIFIER_GROUP)), digest, seen);
		}
	}

}
