package org.haven.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.ResourceTransformerSupport;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Points an ES module's relative imports at the versioned URLs of the modules they name,
 * the way CssLinkResourceTransformer does for stylesheets: a module served under a
 * versioned URL and kept for a year must not import a plain URL, which would be asked for
 * again on every page (or, cached, go stale).
 */
class ModuleImportTransformer extends ResourceTransformerSupport {

	@Override
	public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
			throws IOException {
		Resource transformed = chain.transform(request, resource);
		String filename = transformed.getFilename();
		if (filename == null || !filename.endsWith(".js")) {
			return transformed;
		}
		String source = transformed.getContentAsString(StandardCharsets.UTF_8);
		Matcher imports = ModuleImports.in(source);
		StringBuilder result = new StringBuilder(source.length() + 256);
		boolean changed = false;
		while (imports.find()) {
			String specifier = imports.group(ModuleImports.SPECIFIER_GROUP);
			String versioned = resolveUrlPath(toAbsolutePath(specifier, request), request, resource, chain);
			if (versioned == null) {
				continue;
			}
			// Keep the specifier relative (and so independent of the context path): only
			// its file name changes.
			String relative = specifier.substring(0, specifier.lastIndexOf('/') + 1)
					+ versioned.substring(versioned.lastIndexOf('/') + 1);
			String statement = imports.group();
			int at = imports.start(ModuleImports.SPECIFIER_GROUP) - imports.start();
			imports.appendReplacement(result, Matcher.quoteReplacement(
					statement.substring(0, at) + relative + statement.substring(at + specifier.length())));
			changed = true;
		}
		if (!changed) {
			return transformed;
		}
		imports.appendTail(result);
		return new TransformedResource(transformed, result.toString().getBytes(StandardCharsets.UTF_8));
	}

}
