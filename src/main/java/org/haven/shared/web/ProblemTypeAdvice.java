package org.haven.shared.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A problem a controller answers with carries its type even when that is about:blank
 * (Spring leaves it out), so that every problem Haven sends has the same five members
 * (see {@link ApiProblems}).
 */
@ControllerAdvice
class ProblemTypeAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null) {
				problem.setType(ApiProblems.ABOUT_BLANK);
			}
			if (problem.getDetail() == null) {
				problem.setDetail(ApiProblems.title(problem.getStatus()) + ".");
			}
		}
		return body;
	}

}
