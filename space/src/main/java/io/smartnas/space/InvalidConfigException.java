package io.smartnas.space;

/**
 * A SmartNet config breaks a rule of the specification. {@link #field()} names the field in config-file terms
 * (for example {@code cells[2].from}) and the message states the rule that was broken.
 */
public final class InvalidConfigException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConfigException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    private InvalidConfigException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The field that breaks the rule, in config-file terms. */
    public String field() {
        return field;
    }

    /** The same error, its message prefixed with where the config came from (usually a file name). */
    public InvalidConfigException in(String source) {
        return new InvalidConfigException(field, source + ": " + getMessage(), this);
    }
}
