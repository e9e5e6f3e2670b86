package io.smartnas.space.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.smartnas.space.InvalidInputException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the JSON (and YAML) files users write: config files, settings files, exit policies. Everything is bounded
 * before it costs memory (file size, nesting, string and number length), duplicate keys, fractional counts and
 * numbers written as text are refused, and every problem is told as "where: what", in the file's own field names and
 * never in Java's.
 */
public final class JsonInput {
    /** The largest file read: a config of the largest space is about 5 KB, a settings file less. */
    public static final long MAX_FILE_BYTES = 1L << 20;
    /** The deepest nesting of objects and arrays: a config nests 4 deep. */
    public static final int MAX_NESTING = 32;
    /** The longest string value. */
    public static final int MAX_STRING = 65_536;
    /** The most digits of a number. */
    public static final int MAX_NUMBER_DIGITS = 64;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING).maxStringLength(MAX_STRING).maxNumberLength(MAX_NUMBER_DIGITS)
            .maxDocumentLength(MAX_FILE_BYTES).build();

    private static final ObjectMapper STRICT_JSON = strict(new ObjectMapper());

    private JsonInput() {
    }

    /** The mapper, made strict: bounded, no duplicate keys, no fractional or textual whole numbers. */
    public static <M extends ObjectMapper> M strict(M mapper) {
        mapper.getFactory().setStreamReadConstraints(LIMITS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The text of a file a user named, read no further than {@link #MAX_FILE_BYTES} whatever size the file claims (a
     * device file claims 0), and refused unless it is a regular file.
     *
     * @throws InvalidInputException starting with the file's name, saying what is wrong
     */
    public static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file + ": is a directory, not a file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new InvalidInputException(file + ": not a regular file (a device, a pipe or a socket); name "
                        + "a file");
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidInputException(file + ": larger than the " + MAX_FILE_BYTES + " bytes such a file "
                        + "may have");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file + ": not readable (permission denied)", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The tree of a JSON file a user named.
     *
     * @throws InvalidInputException starting with the file's name, saying what is wrong and where
     */
    public static JsonNode readTree(Path file) {
        return tree(STRICT_JSON, read(file), file.toString());
    }

    /**
     * The tree of a text from {@code source} (a file name).
     *
     * @throws InvalidInputException starting with {@code source}, saying what is wrong and where
     */
    public static JsonNode tree(ObjectMapper mapper, String text, String source) {
        try {
            return tree(mapper, text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * The tree of a text.
     *
     * @throws InvalidInputException saying where the text breaks the syntax or a limit
     */
    public static JsonNode tree(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(problem(e), e);
        }
    }

    /** What went wrong, where: the field path or line and column, then the problem in a user's words. */
    public static String problem(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "too large: " + limitBroken(e.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return at(u, 1) + "'" + u.getPropertyName() + "' is not a known field; known: " + names(
                    u.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException cause) {
            return at(v, 0) + cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return at(f, 0) + "must be " + expected(f.getTargetType()) + ", got " + shown(f.getValue());
        }
        if (e instanceof MismatchedInputException m) {
            return at(m, 0) + "must be " + expected(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return at(m, 0) + firstSentence(e.getOriginalMessage());
        }
        return "not valid " + syntax(e) + " (" + firstSentence(e.getOriginalMessage()) + location(e.getLocation())
                + ")";
    }

    private static String limitBroken(String message) {
        String m = String.valueOf(message);
        if (m.contains("nesting depth")) {
            return "nested deeper than " + MAX_NESTING + " levels";
        }
        if (m.contains("String value length")) {
            return "a string longer than " + MAX_STRING + " characters";
        }
        if (m.contains("Number value length")) {
            return "a number longer than " + MAX_NUMBER_DIGITS + " digits";
        }
        if (m.contains("Document length")) {
            return "longer than " + MAX_FILE_BYTES + " bytes";
        }
        return firstSentence(m);
    }

    /** The field path of the problem as "a.b[2]: ", without its last {@code drop} steps; "" at the top. */
    private static String at(JsonMappingException e, int drop) {
        StringBuilder path = new StringBuilder();
        var steps = e.getPath();
        for (JsonMappingException.Reference r : steps.subList(0, Math.max(0, steps.size() - drop))) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object with named fields";
    }

    private static String shown(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String names(Collection<Object> names) {
        return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String syntax(JsonProcessingException e) {
        Object source = e.getProcessor();
        return source != null && source.getClass().getName().toLowerCase(Locale.ROOT).contains("yaml") ? "YAML"
                : "JSON";
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The first sentence of Jackson's message, without its hints in backquotes (Java names). */
    private static String firstSentence(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        return m.replaceAll(" ?\\(from `[^`]*`\\)", "").replaceAll("`[^`]*`", "value").strip();
    }
}
