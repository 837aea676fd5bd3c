package dev.newsletter.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rate written as {@code 20/s}, {@code 600/m} or {@code 10000/h}. */
public record Rate(double perSecond) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|m|h)");

    @JsonCreator
    public static Rate parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate; write it like 20/s, 600/m or 10000/h");
        }
        double amount = Double.parseDouble(m.group(1));
        double seconds = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            default -> 3600;
        };
        return new Rate(amount / seconds);
    }
}
