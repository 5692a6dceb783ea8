package org.haven.shared.web;

import java.time.Duration;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.CachingResourceResolver;
import org.springframework.web.servlet.resource.ContentVersionStrategy;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;
import org.springframework.web.servlet.resource.VersionStrategy;

/**
 * Styles and scripts under URLs that name their content ({@code /css/haven-<md5>.css}),
 * so that a browser keeps them for a year and asks again only when they change; pages
 * link to them through {@code @{/css/...}}, which the {@link ResourceUrlEncodingFilter}
 * rewrites. The plain URL still answers, for a page cached before a release, but is
 * revalidated on every use. See docs/security.md, "Caching and compression".
 *
 * <p>
 * These are the only static mappings: Boot's own ({@code /**} over four classpath
 * locations, and {@code /webjars/**}) are off
 * ({@code spring.web.resources.add-mappings}). The filter looks up every link of a page
 * in every mapping whose pattern matches it, and with {@code /**} that meant four failed
 * searches of the classpath (every jar in Haven's) for each link to a page such as
 * {@code /messages}: three quarters of a page view's time (docs/benchmarks.md, "Signed-in
 * pages").
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	/** For a URL that names its content: that content never changes. */
	static final CacheControl VERSIONED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	/**
	 * For a plain URL: kept, but checked with the server (a 304 of a few bytes) before
	 * every use.
	 */
	static final CacheControl UNVERSIONED = CacheControl.noCache();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// haven.css links to nothing (no url() or @import), so its own bytes are all its
		// version depends on.
		register(registry, "/css/**", "classpath:/static/css/", new ContentVersionStrategy());
		// The page scripts are ES modules importing each other by relative URL: each
		// one's version covers
		// every module it imports, and the imports it serves name those versions.
		register(registry, "/js/**", "classpath:/static/js/", new ModuleGraphVersionStrategy());
		registry.addResourceHandler("/favicon.svg", "/robots.txt")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(UNVERSIONED);
	}

	private static void register(ResourceHandlerRegistry registry, String pattern, String location,
			VersionStrategy versions) {
		// No CachingResourceTransformer: it keys on the resource, and a versioned
		// resource equals its plain
		// one, so the two would share one answer and its cache headers. Transforming a
		// few KB is cheap.
		registry.addResourceHandler(pattern)
			.addResourceLocations(location)
			.setCacheControl(UNVERSIONED)
			.resourceChain(false)
			.addResolver(new CachingResourceResolver(new ConcurrentMapCache("static-resources")))
			.addResolver(new VersionResourceResolver().addVersionStrategy(versions, "/**"))
			.addTransformer(new VersionedResourceCaching())
			.addTransformer(new ModuleImportTransformer());
	}

	/**
	 * Rewrites {@code @{/css/haven.css}} in pages to the versioned URL, error pages
	 * included (Boot would add it only with a webjars locator or
	 * {@code spring.web.resources.chain.enabled}).
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

}
