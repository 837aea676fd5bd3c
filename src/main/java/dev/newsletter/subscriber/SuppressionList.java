package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The global suppression list ({@code subscribers/suppressed.csv}): unsubscribes and hard bounces.
 * It always wins over any list. A missing file is an empty list.
 */
public final class SuppressionList {
    private final Set<String> addresses;

    private SuppressionList(Set<String> addresses) {
        this.addresses = addresses;
    }

    public static SuppressionList empty() {
        return new SuppressionList(Set.of());
    }

    public static SuppressionList load(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        Set<String> addresses = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(reader, ',');
            CsvRecord header = csv.next();
            if (header == null) {
                return empty();
            }
            int email = header.fields().stream()
                    .map(s -> s.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT))
                    .toList()
                    .indexOf("email");
            if (email < 0) {
                throw InvalidInputException.of(Problem.atLine(file, header.line(), "the header has no 'email' column"));
            }
            CsvRecord record;
            while ((record = csv.next()) != null) {
                if (record.fields().size() <= email
                        || record.fields().get(email).isBlank()) {
                    continue;
                }
                try {
                    addresses.add(
                            EmailAddress.parse(record.fields().get(email), true).toString());
                } catch (InvalidAddressException e) {
                    throw InvalidInputException.of(Problem.atLine(file, record.line(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw InvalidInputException.of(Problem.inFile(file, "cannot read the file: " + e.getMessage()));
        } catch (CsvSyntaxException e) {
            throw InvalidInputException.of(Problem.atLine(file, e.line(), e.getMessage()));
        }
        return new SuppressionList(addresses);
    }

    public boolean contains(EmailAddress address) {
        return addresses.contains(address.toString());
    }

    public int size() {
        return addresses.size();
    }
}
