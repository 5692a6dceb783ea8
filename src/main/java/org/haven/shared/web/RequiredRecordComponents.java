package org.haven.shared.web;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JavaType;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

/**
 * A record's components are required members of its schema unless marked
 * {@code @Nullable}: Haven leaves null members out of its JSON
 * (spring.jackson.default-property-inclusion), so a member that may be null is exactly
 * one that may be missing.
 */
class RequiredRecordComponents implements ModelConverter {

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		Class<?> raw = raw(type.getType());
		if (schema == null || raw == null || !raw.isRecord()) {
			return schema;
		}
		Schema model = schema;
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			model = context.getDefinedModels().get(name);
		}
		if (model != null && model.getProperties() != null) {
			Schema properties = model;
			List<String> required = Arrays.stream(raw.getRecordComponents())
				.filter(component -> !nullable(component))
				.map(RecordComponent::getName)
				.filter(name -> properties.getProperties().containsKey(name))
				.toList();
			model.setRequired(required.isEmpty() ? null : required);
		}
		return schema;
	}

	private static boolean nullable(RecordComponent component) {
		return component.isAnnotationPresent(Nullable.class)
				|| component.getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof JavaType javaType) {
			return javaType.getRawClass();
		}
		return null;
	}

}
