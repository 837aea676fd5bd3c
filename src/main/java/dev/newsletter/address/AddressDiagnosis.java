package dev.newsletter.address;

import java.util.Optional;

/**
 * Why an address that failed validation is wrong, in words a list editor can act on ("it has two
 * '@'", "the domain 'example' has no dot"). Asked only after the validators said no, so it need not
 * be complete: when it finds nothing, the caller says only that the address is not valid.
 */
final class AddressDiagnosis {
    /** Characters RFC 5322 allows in an unquoted local part besides letters, digits and dots. */
    private static final String ATEXT = "!#$%&'*+-/=?^_`{|}~";

    private AddressDiagnosis() {}

    static Optional<String> of(String local, String domain) {
        boolean quoted = local.length() > 1 && local.startsWith("\"") && local.endsWith("\"");
        if (!quoted) {
            if (local.indexOf('@') >= 0) {
                return Optional.of("it has two '@'");
            }
            Optional<String> problem = localPart(local);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return domain(domain);
    }

    private static Optional<String> localPart(String local) {
        if (local.startsWith(".")) {
            return Optional.of("the part before '@' starts with a dot");
        }
        if (local.endsWith(".")) {
            return Optional.of("the part before '@' ends with a dot");
        }
        if (local.contains("..")) {
            return Optional.of("the part before '@' has two dots in a row");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c) && c != '.' && ATEXT.indexOf(c) < 0) {
                return Optional.of("the part before '@' contains '" + c + "'");
            }
        }
        if (local.length() > 64) {
            return Optional.of("the part before '@' is longer than 64 characters");
        }
        return Optional.empty();
    }

    private static Optional<String> domain(String domain) {
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String quoted = "the domain '" + domain + "'";
        if (name.startsWith("[")) {
            return Optional.of(quoted + " is an IP address; use a domain name");
        }
        if (name.startsWith(".")) {
            return Optional.of(quoted + " starts with a dot");
        }
        if (name.contains("..") || name.endsWith(".")) {
            return Optional.of(quoted + " has two dots in a row");
        }
        if (!name.contains(".")) {
            return Optional.of(quoted + " has no dot; it needs one, as in example.org");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c) && c != '.' && c != '-') {
                return Optional.of(quoted + " contains '" + c + "'");
            }
        }
        String[] labels = name.split("\\.");
        for (String label : labels) {
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of(quoted + " has a part that starts or ends with '-'");
            }
            if (label.length() > 63) {
                return Optional.of(quoted + " has a part longer than 63 characters");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of(quoted + " ends in a number, not a top-level domain");
        }
        return Optional.empty();
    }
}
