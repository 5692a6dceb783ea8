package org.haven.shared.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.resource.HttpResource;
import org.springframework.web.servlet.resource.ResourceTransformer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * A year of caching for what was asked for under its versioned URL, and only for that:
 * the handler's own setting (revalidate every time) stays on a plain URL, whose content
 * may change at the next release. The first transformer, so that it sees the end result
 * of the others.
 */
class VersionedResourceCaching implements ResourceTransformer {

	@Override
	public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
			throws IOException {
		Resource transformed = chain.transform(request, resource);
		// Asked for chat-<version>.js, and the version resolver found chat.js with that
		// very version (and says
		// so with its ETag, the version); a plain chat.js comes from the path resolver as
		// it is.
		String asked = StringUtils.getFilename(request.getRequestURI());
		if (!(resource instanceof HttpResource versioned) || asked == null || asked.equals(resource.getFilename())) {
			return transformed;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(versioned.getResponseHeaders());
		headers.setCacheControl(StaticResources.VERSIONED);
		return new Immutable(transformed, transformed.getContentAsByteArray(), headers);
	}

	private static final class Immutable extends TransformedResource implements HttpResource {

		private final HttpHeaders headers;

		Immutable(Resource original, byte[] content, HttpHeaders headers) {
			super(original, content);
			this.headers = headers;
		}

		@Override
		public HttpHeaders getResponseHeaders() {
			return this.headers;
		}

	}

}
