package org.haven.shared.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * /dev/mail: what Haven sent, in demo mode and to loopback callers only. Anything else
 * sees 404. Each mail's calendar file is downloaded from the same address
 * ({@code /dev/mail?calendar=<number>}), under the same rule.
 */
@Controller
class DevMailController {

	private final DemoMode demoMode;

	private final DemoMailCatcher catcher;

	DevMailController(DemoMode demoMode, DemoMailCatcher catcher) {
		this.demoMode = demoMode;
		this.catcher = catcher;
	}

	@GetMapping(path = "/dev/mail", params = "!calendar")
	String mail(HttpServletRequest request, Model model) {
		requireLocalDemo(request);
		model.addAttribute("messages", catcher.messages());
		return "shared/dev-mail";
	}

	@GetMapping(path = "/dev/mail", params = "calendar")
	ResponseEntity<byte[]> calendar(@RequestParam("calendar") String number, HttpServletRequest request) {
		requireLocalDemo(request);
		if (!number.matches("[0-9]{1,9}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		DemoMailCatcher.CalendarFile file = catcher.calendar(Integer.parseInt(number))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		MediaType type = file.method() == null ? new MediaType("text", "calendar", StandardCharsets.UTF_8)
				: new MediaType("text", "calendar", Map.of("method", file.method(), "charset", "UTF-8"));
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.filename()).build().toString())
			.body(file.content());
	}

	private void requireLocalDemo(HttpServletRequest request) {
		if (!demoMode.enabled() || !catcher.running() || !DemoMode.isLoopback(request.getRemoteAddr())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

}
