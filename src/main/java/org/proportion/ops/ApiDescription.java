package org.proportion.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The OpenAPI document at /v3/api-docs. springdoc finds the Spring MVC controllers itself; the two
 * endpoints served by Camel's REST DSL (POST /api/intake/{agency} and POST
 * /api/meetings/{meeting}/packs, in routes/*.yaml) are not Spring handlers, so they are read from
 * Camel's own model here and added, so that one document describes every /api endpoint, however a
 * partnership edits its routes. The security schemes are the ones SecurityConfig accepts: HTTP
 * basic for the API accounts always, and bearer tokens (JWT) only when the partnership's identity
 * provider is configured. Attendee views and OPA's bundle download are open by design (the link,
 * resp. a bundle with no personal data), and say so with an empty security list.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiDescription {

	static final String BASIC = "basicAuth";

	static final String BEARER = "bearerAuth";

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

	@Bean
	OpenAPI proportionOpenApi() {
		return new OpenAPI().info(new Info().title("Proportion gateway API")
			.version("v1")
			.description("Intake from agencies, meeting packs, links and deliveries (admin account; an agency account "
					+ "may post only its own records), the decision log and people's rights (DPO account). "
					+ "Attendee views (/v/{token}) are opened by the personal link alone."));
	}

	@Bean
	OpenApiCustomizer proportionApiCustomizer(CamelContext camel, ObjectProvider<JwtDecoder> identityProvider) {
		return openApi -> {
			boolean bearer = identityProvider.getIfAvailable() != null;
			Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
			components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("basic")
				.description("The API accounts: admin, dpo, and one intake account per agency, named by the agency's id"));
			if (bearer) {
				components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("A token from the partnership's identity provider whose roles claim names ADMIN, DPO or AGENCY"));
			}
			openApi.setComponents(components);
			if (openApi.getPaths() == null) {
				openApi.setPaths(new Paths());
			}
			addCamelRoutes(openApi, camel);
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
				if (path.startsWith("/api/")) {
					List<SecurityRequirement> security = new ArrayList<>();
					security.add(new SecurityRequirement().addList(BASIC));
					if (bearer) {
						security.add(new SecurityRequirement().addList(BEARER));
					}
					operation.setSecurity(security);
				}
				else {
					operation.setSecurity(List.of());
				}
			}));
		};
	}

	/** Each verb of each Camel REST definition, with its path variables, as an operation. */
	static void addCamelRoutes(OpenAPI openApi, CamelContext camel) {
		Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
		if (model == null) {
			return;
		}
		for (RestDefinition rest : model.getRestDefinitions()) {
			for (VerbDefinition verb : rest.getVerbs()) {
				String path = join(rest.getPath(), verb.getPath());
				Operation operation = new Operation().operationId(verb.getId())
					.summary(verb.getDescriptionText())
					.addTagsItem("camel-" + (rest.getId() == null ? "rest" : rest.getId()))
					.responses(new ApiResponses().addApiResponse("default",
							new ApiResponse().description("JSON answer, or problem details (RFC 9457)")));
				Matcher variables = VARIABLE.matcher(path);
				while (variables.find()) {
					operation.addParametersItem(new PathParameter().name(variables.group(1)).schema(new StringSchema()));
				}
				String consumes = verb.getConsumes() != null ? verb.getConsumes() : rest.getConsumes();
				if (consumes != null) {
					Content content = new Content();
					for (String type : consumes.split(",")) {
						content.addMediaType(type.trim(), new MediaType().schema(new StringSchema()));
					}
					operation.requestBody(new RequestBody().content(content));
				}
				PathItem item = openApi.getPaths().computeIfAbsent(path, p -> new PathItem());
				item.operation(PathItem.HttpMethod.valueOf(verb.asVerb().toUpperCase(Locale.ROOT)), operation);
			}
		}
	}

	private static String join(String base, String path) {
		String left = base == null ? "" : base.replaceAll("/+$", "");
		String right = path == null ? "" : path.startsWith("/") ? path : "/" + path;
		return left + right;
	}

}
