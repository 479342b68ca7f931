package dev.backstop.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.backstop.BadInputException;
import dev.backstop.Json;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads the JSON body of an admin API request into its request record, strictly: malformed JSON,
 * an unknown field, a value of the wrong type ({@code "force": "yes"}, {@code "force": 1}) or
 * trailing garbage is bad input (HTTP 400, exit code 2) with one line naming the field and the
 * fields expected, before anything is done or stored. A missing field or {@code null} is absent
 * (false for a flag). Stateless, thread-safe.
 */
final class RequestBodies {

    private static final ObjectMapper STRICT = ((JsonMapper) Json.mapper())
            .rebuild()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RequestBodies() {}

    /** The body as a {@code type} (a record); never null. */
    static <T extends Record> T read(Context context, Class<T> type) {
        String request = context.method() + " " + context.path();
        String body = context.body();
        if (body.isBlank()) {
            throw bad(request, "is empty", type);
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw bad(request, "is null", type);
            }
            return value;
        } catch (UnrecognizedPropertyException unknown) {
            throw bad(request, "has an unknown field '" + unknown.getPropertyName() + "'", type);
        } catch (JsonMappingException wrongShape) {
            String field = wrongShape.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw bad(
                    request,
                    field.isEmpty() ? "is not a JSON object" : "has a value of the wrong type for '" + field + "'",
                    type);
        } catch (JsonProcessingException malformed) {
            JsonLocation at = malformed.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw bad(request, "is not valid JSON" + where, type);
        }
    }

    private static BadInputException bad(String request, String problem, Class<? extends Record> type) {
        String fields = Arrays.stream(type.getRecordComponents())
                .map(component -> component.getName() + " ("
                        + component.getType().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        return new BadInputException(
                "the body of " + request + " " + problem + "; send a JSON object with the fields " + fields + ".");
    }
}
