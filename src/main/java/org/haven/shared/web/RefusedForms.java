package org.haven.shared.web;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.http.HttpStatus;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Shows a form again when its handler refuses the input ({@link OnRefusal}). This is done
 * where the handler is invoked rather than in an exception handler, because an exception
 * handler starts from an empty model: what the person typed and the layout's attributes
 * would be lost.
 */
@Configuration(proxyBeanMethods = false)
class RefusedForms {

	@Bean
	WebMvcRegistrations refusedFormsAdapter() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
				return new RequestMappingHandlerAdapter() {

					@Override
					protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handler) {
						return new FormMethod(handler);
					}

				};
			}

		};
	}

	/**
	 * A mistake in an {@link OnRefusal} stops Haven at start-up, not on a person's input.
	 */
	@Bean
	SmartInitializingSingleton onRefusalCheck(
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
		return () -> mapping.getHandlerMethods().values().forEach(handler -> {
			OnRefusal on = handler.getMethodAnnotation(OnRefusal.class);
			if (on != null) {
				if (handler.getMethod().getReturnType() != String.class) {
					throw new IllegalStateException(handler + " returns no view name: @OnRefusal cannot show its form");
				}
				if (on.show().isEmpty() && !on.view().isEmpty()) {
					return;
				}
				Method show = show(handler.getBeanType(), on);
				if (show.getReturnType() != String.class || Modifier.isPrivate(show.getModifiers())) {
					throw new IllegalStateException(show + " must return a view name and not be private");
				}
			}
		});
	}

	static Method show(Class<?> controller, OnRefusal on) {
		if (on.view().isEmpty() == on.show().isEmpty()) {
			throw new IllegalStateException(
					"@OnRefusal on " + controller.getName() + " names both or neither of view and show");
		}
		List<Method> named = Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(controller))
			.filter(method -> method.getName().equals(on.show()))
			.toList();
		if (named.size() != 1) {
			throw new IllegalStateException(
					controller.getName() + " has " + named.size() + " methods named " + on.show());
		}
		return named.get(0);
	}

	/**
	 * The first field error of a form record in the order of its components (the order of
	 * the form), as the refusal a page shows.
	 */
	static Refusal refusal(BindingResult result) {
		Object target = result.getTarget();
		List<String> order = target != null && target.getClass().isRecord()
				? Arrays.stream(target.getClass().getRecordComponents()).map(RecordComponent::getName).toList()
				: List.of();
		return result.getFieldErrors()
			.stream()
			.min(Comparator.comparingInt(
					error -> order.contains(error.getField()) ? order.indexOf(error.getField()) : order.size()))
			.map(error -> Refusal.of(error.getField(), message(error)))
			.orElseGet(() -> Refusal.of(result.getObjectName(), "Check what you entered."));
	}

	private static String message(FieldError error) {
		return error.isBindingFailure() || error.getDefaultMessage() == null ? "Check what you entered here."
				: error.getDefaultMessage();
	}

	/**
	 * A handler method that, when annotated, turns a refusal into its form shown again,
	 * with the resolvers it was given for its own arguments.
	 */
	static final class FormMethod extends ServletInvocableHandlerMethod {

		private HandlerMethodArgumentResolverComposite resolvers;

		private WebDataBinderFactory binders;

		private ParameterNameDiscoverer names;

		FormMethod(HandlerMethod handler) {
			super(handler);
		}

		@Override
		public void setHandlerMethodArgumentResolvers(HandlerMethodArgumentResolverComposite resolvers) {
			super.setHandlerMethodArgumentResolvers(resolvers);
			this.resolvers = resolvers;
		}

		@Override
		public void setDataBinderFactory(WebDataBinderFactory binders) {
			super.setDataBinderFactory(binders);
			this.binders = binders;
		}

		@Override
		public void setParameterNameDiscoverer(ParameterNameDiscoverer names) {
			super.setParameterNameDiscoverer(names);
			this.names = names;
		}

		@Override
		public Object invokeForRequest(NativeWebRequest request, ModelAndViewContainer model, Object... provided)
				throws Exception {
			OnRefusal on = getMethodAnnotation(OnRefusal.class);
			if (on == null) {
				return super.invokeForRequest(request, model, provided);
			}
			try {
				return super.invokeForRequest(request, model, provided);
			}
			catch (Refusal refusal) {
				if (refusal.status() == HttpStatus.NOT_FOUND) {
					// Nothing to show a form of: Haven's page for a 404.
					throw refusal;
				}
				return show(on, refusal, request, model);
			}
			catch (BindException invalid) {
				// The form record as typed, so that the page shows it again.
				model.addAllAttributes(invalid.getBindingResult().getModel());
				return show(on, refusal(invalid.getBindingResult()), request, model);
			}
		}

		private Object show(OnRefusal on, Refusal refusal, NativeWebRequest request, ModelAndViewContainer model)
				throws Exception {
			Refusal shown = on.field().isEmpty() ? refusal : refusal.on(on.field());
			model.addAttribute(OnRefusal.ERRORS, shown.errors());
			model.addAttribute(OnRefusal.REFUSAL, shown);
			if (!on.view().isEmpty()) {
				return on.view();
			}
			ServletInvocableHandlerMethod page = new ServletInvocableHandlerMethod(getBean(),
					RefusedForms.show(getBeanType(), on));
			page.setHandlerMethodArgumentResolvers(resolvers);
			page.setDataBinderFactory(binders);
			if (names != null) {
				page.setParameterNameDiscoverer(names);
			}
			return page.invokeForRequest(request, model);
		}

	}

}
