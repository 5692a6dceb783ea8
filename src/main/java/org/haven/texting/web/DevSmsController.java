package org.haven.texting.web;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.haven.shared.demo.DemoMode;
import org.haven.shared.time.Timestamps;
import org.haven.texting.internal.DemoSmsc;
import org.haven.texting.internal.DemoSmscHolder;
import org.haven.texting.internal.PhoneNumbers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * /dev/sms: what Haven texted through the in-process SMSC, with segments and receipts,
 * and a form that sends Haven a text "from a phone". Demo mode and loopback callers only;
 * anything else sees 404.
 */
@Controller
class DevSmsController {

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM HH:mm:ss 'UTC'", Locale.ENGLISH);

	private final DemoMode demoMode;

	private final DemoSmscHolder holder;

	private final PhoneNumbers numbers;

	DevSmsController(DemoMode demoMode, DemoSmscHolder holder, PhoneNumbers numbers) {
		this.demoMode = demoMode;
		this.holder = holder;
		this.numbers = numbers;
	}

	@GetMapping("/dev/sms")
	String texts(HttpServletRequest request, Model model) {
		DemoSmsc smsc = requireLocalDemo(request);
		model
			.addAttribute("texts",
					smsc.texts()
						.stream()
						.map(t -> new Row("+" + t.to(), t.body(), t.encoding(),
								t.complete() ? String.valueOf(t.segments())
										: t.segments() + " of " + t.expectedSegments(),
								String.join(", ", t.receipts()), Timestamps.html(t.at()),
								SHOWN.format(t.at().atZone(ZoneOffset.UTC))))
						.toList());
		model.addAttribute("linked", smsc.linked());
		if (!model.containsAttribute("from")) {
			model.addAttribute("from", "");
			model.addAttribute("body", "");
		}
		return "texting/dev-sms";
	}

	@PostMapping("/dev/sms")
	String fromPhone(@RequestParam(name = "from", defaultValue = "") String from,
			@RequestParam(name = "body", defaultValue = "") String body, HttpServletRequest request,
			RedirectAttributes redirect) {
		DemoSmsc smsc = requireLocalDemo(request);
		String error = null;
		try {
			String number = numbers.parse(from).value();
			if (body.isBlank()) {
				error = "Write the text to send.";
			}
			else {
				smsc.sendFromPhone(number, DemoSmsc.HAVEN_NUMBER, body);
			}
		}
		catch (PhoneNumbers.Invalid ex) {
			error = ex.getMessage();
		}
		catch (IllegalArgumentException ex) {
			error = ex.getMessage();
		}
		catch (IOException ex) {
			error = "Haven did not take the text: " + ex.getMessage();
		}
		if (error != null) {
			redirect.addFlashAttribute("error", error);
			redirect.addFlashAttribute("from", from);
			redirect.addFlashAttribute("body", body);
		}
		else {
			redirect.addFlashAttribute("sent", true);
		}
		return "redirect:/dev/sms";
	}

	private DemoSmsc requireLocalDemo(HttpServletRequest request) {
		if (!demoMode.enabled() || !DemoMode.isLoopback(request.getRemoteAddr())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return holder.smsc().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** A text as the page lists it; {@code datetime} as HTML's time element takes it. */
	record Row(String to, String body, String encoding, String parts, String receipts, String datetime, String shown) {
	}

}
