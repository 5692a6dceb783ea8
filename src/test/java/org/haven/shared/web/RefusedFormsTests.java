package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

class RefusedFormsTests {

	@Test
	void anOnRefusalNamesAMethodOfItsControllerOrAView() throws Exception {
		Method shown = RefusedForms.show(Pages.class, on("showsMethod"));

		assertThat(shown.getName()).isEqualTo("form");
		assertThatIllegalStateException().isThrownBy(() -> RefusedForms.show(Pages.class, on("namesNothing")));
		assertThatIllegalStateException().isThrownBy(() -> RefusedForms.show(Pages.class, on("namesBoth")));
		assertThatIllegalStateException().isThrownBy(() -> RefusedForms.show(Pages.class, on("namesAMissingMethod")));
	}

	@Test
	void aFormRecordThatFailsValidationIsRefusedAtItsFirstFieldInTheOrderOfTheForm() {
		BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Form("", ""), "form");
		result.addError(new FieldError("form", "email", "Enter your email address."));
		result.addError(new FieldError("form", "name", "Enter your name."));

		Refusal refusal = RefusedForms.refusal(result);

		assertThat(refusal.errors()).containsExactly(Map.entry("name", "Enter your name."));
	}

	@Test
	void aRefusalCanBeShownAtAnotherFieldWithItsStatusAndCode() {
		Refusal refusal = Refusal.of("current", "Not right.").status(HttpStatus.CONFLICT).code("closed");

		Refusal moved = refusal.on("disableCurrent");

		assertThat(moved.field()).isEqualTo("disableCurrent");
		assertThat(moved.getMessage()).isEqualTo("Not right.");
		assertThat(moved.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(moved.code()).isEqualTo("closed");
	}

	private static OnRefusal on(String handler) throws NoSuchMethodException {
		return Pages.class.getDeclaredMethod(handler).getAnnotation(OnRefusal.class);
	}

	record Form(String name, String email) {
	}

	static class Pages {

		@OnRefusal(show = "form")
		String showsMethod() {
			return "redirect:/";
		}

		@OnRefusal
		String namesNothing() {
			return "redirect:/";
		}

		@OnRefusal(view = "page", show = "form")
		String namesBoth() {
			return "redirect:/";
		}

		@OnRefusal(show = "missing")
		String namesAMissingMethod() {
			return "redirect:/";
		}

		String form() {
			return "page";
		}

	}

}
