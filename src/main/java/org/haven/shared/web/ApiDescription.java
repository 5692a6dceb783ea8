package org.haven.shared.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The /api/v1 description at /v3/api-docs is a contract: every operation lists each
 * status it answers, errors as the shared Problem schema (RFC 9457), bodies as
 * application/json, and the two things a caller must send (the session cookie, and on
 * every POST the CSRF header). ApiContractIntegrationTests checks real answers against
 * it; .ci/run lints it. docs/api.md explains it to people.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	static final String SESSION = "session";
	static final String CSRF = "csrf";
	static final String PROBLEM = "Problem";

	private static final Map<Integer, String> REFUSALS = Map.of(400,
			"The request was not understood: a parameter, path id or body member is missing or malformed (field names it).",
			401, "Not signed in, or the session has ended: sign in again (see the WWW-Authenticate header).", 403,
			"Signed in, but not allowed: the account's role may not do this, its sign-in is not finished (second factor),"
					+ " or a POST came without the CSRF token.",
			404, "There is nothing with this id, or it is not the caller's to see.", 409,
			"The state changed meanwhile: the time was just taken, the care relationship has ended, or the record"
					+ " changed since the version named (a signed note never changes).",
			415, "The body must be application/json.");

	@Bean
	RequiredRecordComponents requiredRecordComponents() {
		return new RequiredRecordComponents();
	}

	@Bean
	OpenAPI havenApi() {
		return new OpenAPI().info(new Info().title("Haven API")
			.version("1")
			.description(
					"JSON under /api/v1 for Haven's own pages and for other clients of a signed-in person: the account, the"
							+ " therapist directory, appointments, visits and letter drafts. Every refusal is an RFC 9457 problem"
							+ " (application/problem+json). See docs/api.md."))
			// Relative: the Haven the description was read from, whatever address it is
			// served at.
			.servers(List
				.of(new Server().url("/").description("This Haven: the address this description was read from.")))
			.tags(List.of(new Tag().name("Account").description("The signed-in account."),
					new Tag().name("Administration").description("Accounts and the audit trail, for administrators."),
					new Tag().name("Appointments").description("Booking, moving and cancelling sessions."),
					new Tag().name("Directory").description("Published therapist profiles."),
					new Tag().name("Letters").description("Letters between a client and their therapist."),
					new Tag().name("Records")
						.description(
								"The clinical record of a client: the chart, the intake questionnaire, notes, plans, measures, and its export."),
					new Tag().name("Visits").description("Video and audio sessions.")))
			.components(new Components().addSecuritySchemes(SESSION, new SecurityScheme()
				.type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.COOKIE)
				.name("HAVEN_SESSION")
				.description(
						"The session cookie that signing in at /login (password, then second factor where enrolled) sets."))
				.addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name("X-CSRF-TOKEN")
					.description(
							"The session's CSRF token, from the csrf-token meta element of any Haven page; required on every POST."))
				.addSchemas(PROBLEM, problemSchema()));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", new StringSchema().format("uri-reference")
			.description("about:blank: the status says what went wrong."));
		properties.put("title", new StringSchema().description("The status's reason phrase."));
		properties.put("status",
				new IntegerSchema().format("int32")
					.minimum(BigDecimal.valueOf(400))
					.maximum(BigDecimal.valueOf(599))
					.description("The HTTP status."));
		properties.put("detail", new StringSchema().description("What went wrong, for a person to read."));
		properties.put("instance",
				new StringSchema().format("uri-reference").description("The path of the refused request."));
		properties.put("field", new StringSchema()
			.description("The parameter, path variable or body member that was refused, if one was."));
		properties.put("code", new StringSchema()
			.description("A machine-readable reason where the status alone is ambiguous (closed: care has ended)."));
		ObjectSchema problem = new ObjectSchema();
		problem.setProperties(properties);
		problem.setRequired(List.of("type", "title", "status", "detail", "instance"));
		problem.description("An RFC 9457 problem: every 4xx and 5xx answer under /api/v1.");
		return problem;
	}

	/**
	 * Refusals every operation may give (401, 403) and its own ({@link Refusals}), and
	 * what it must send.
	 */
	@Bean
	OperationCustomizer refusalsAndSecurity() {
		return (operation, handler) -> {
			Refusals refusals = handler.getMethodAnnotation(Refusals.class);
			List<Integer> statuses = new ArrayList<>(List.of(401, 403));
			if (refusals != null) {
				for (int status : refusals.value()) {
					statuses.add(status);
				}
			}
			ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
			statuses.stream()
				.sorted()
				.forEach(status -> responses.addApiResponse(String.valueOf(status),
						new ApiResponse().description(REFUSALS.get(status))
							.content(new Content().addMediaType("application/problem+json",
									new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
			operation.setResponses(responses);
			boolean post = handler.hasMethodAnnotation(PostMapping.class);
			SecurityRequirement requirement = new SecurityRequirement().addList(SESSION);
			if (post) {
				requirement.addList(CSRF);
			}
			operation.setSecurity(List.of(requirement));
			return operation;
		};
	}

	/**
	 * application/json where springdoc wrote any media type, the generic 200 gone where a
	 * 201 is documented, paths sorted.
	 */
	@Bean
	OpenApiCustomizer jsonBodies() {
		return api -> {
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDescription::json));
			TreeMap<String, PathItem> sorted = new TreeMap<>(api.getPaths());
			api.getPaths().clear();
			api.getPaths().putAll(sorted);
		};
	}

	private static void json(Operation operation) {
		if (operation.getRequestBody() != null) {
			operation.getRequestBody().setContent(json(operation.getRequestBody().getContent()));
			operation.getRequestBody().setRequired(true);
		}
		ApiResponses responses = operation.getResponses();
		if (responses.containsKey("201")) {
			responses.remove("200");
		}
		responses.forEach((status, response) -> {
			if (status.startsWith("2")) {
				response.setContent(json(response.getContent()));
			}
		});
	}

	private static Content json(Content content) {
		if (content == null) {
			return null;
		}
		Content fixed = new Content();
		content.forEach((type, media) -> fixed.addMediaType("*/*".equals(type) ? "application/json" : type, media));
		return fixed;
	}

}
