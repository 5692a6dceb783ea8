package org.haven.shared.web;

import java.time.Duration;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Browsers and feed readers ask for /favicon.ico whatever the page links: they get
 * Haven's SVG icon, the one layout.html links, so that no binary .ico needs keeping.
 */
@Controller
class FaviconController {

	private static final Resource ICON = new ClassPathResource("static/favicon.svg");

	@GetMapping("/favicon.ico")
	ResponseEntity<Resource> favicon() {
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/svg+xml"))
			.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
			.body(ICON);
	}

}
