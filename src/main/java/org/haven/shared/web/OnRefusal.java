package org.haven.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a page's handler method: a {@link Refusal} it throws (or a form record that fails
 * Bean Validation) shows the form again rather than an error page. The model the handler
 * built so far is kept (what was typed, the layout's attributes), the refusal's messages
 * are added as {@code errors} (field name to message), and the page is rendered by
 * {@link #view()} or by the controller's method named {@link #show()}, which is called as
 * a handler method (its arguments resolved the same way) on the same model. Exactly one
 * of the two is given; {@link RefusedForms} checks that at start-up. A refusal with the
 * status 404 is not shown as a form: the page answers Haven's 404.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnRefusal {

	/** The model attribute of the messages: field name to message, in form order. */
	String ERRORS = "errors";

	/**
	 * The model attribute of the refusal itself, for a page that words some refusals
	 * otherwise than at a field (by their {@link Refusal#code()}).
	 */
	String REFUSAL = "refusal";

	/** The view that shows the form, when the model already holds all it needs. */
	String view() default "";

	/**
	 * The name of a method of the same controller, not private, that fills the rest of
	 * the model and returns the view (usually the page's GET handler).
	 */
	String show() default "";

	/**
	 * The field the messages belong to on this page, where it names the input differently
	 * from the rule that refused it.
	 */
	String field() default "";

}
