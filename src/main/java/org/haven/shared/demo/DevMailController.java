package org.haven.shared.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;

/** /dev/mail: what Haven sent, in demo mode and to loopback callers only. Anything else sees 404. */
@Controller
class DevMailController {

	private final DemoMode demoMode;
	private final DemoMailCatcher catcher;

	DevMailController(DemoMode demoMode, DemoMailCatcher catcher) {
		this.demoMode = demoMode;
		this.catcher = catcher;
	}

	@GetMapping("/dev/mail")
	String mail(HttpServletRequest request, Model model) {
		if (!demoMode.enabled() || !catcher.running() || !isLoopback(request.getRemoteAddr())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("messages", catcher.messages());
		return "shared/dev-mail";
	}

	static boolean isLoopback(String address) {
		try {
			// getRemoteAddr() is always a literal address, so this never asks DNS.
			return address != null && InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}
}
