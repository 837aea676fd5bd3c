package dev.newsletter.cli;

import dev.newsletter.address.Mailbox;
import dev.newsletter.config.Config;
import dev.newsletter.delivery.DkimKey;
import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import dev.newsletter.delivery.DkimRecord;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "dkim",
        mixinStandardHelpOptions = true,
        description = "Make a DKIM key pair and the DNS record that publishes it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter dkim keygen --selector packet",
            "  ./newsletter dkim keygen --selector packet2025 --algorithm ed25519"
        })
final class DkimCommand implements Runnable {
    private final Context context;

    @Spec
    CommandSpec spec;

    DkimCommand(Context context) {
        this.context = context;
    }

    enum Algorithm {
        rsa,
        ed25519
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    @Command(
            name = "keygen",
            mixinStandardHelpOptions = true,
            description = {
                "Write a new DKIM key and print the DNS record to publish.",
                "The private key is written as PKCS#8 PEM, readable only by you. The TXT record goes at"
                        + " <selector>._domainkey.<domain>; the dkim: config to add is printed too."
            })
    int keygen(
            @Mixin ConfigOption config,
            @Option(
                            names = "--selector",
                            required = true,
                            paramLabel = "S",
                            description = "Selector: the DNS label of this key, e.g. packet or 2025a.")
                    String selector,
            @Option(
                            names = "--domain",
                            paramLabel = "DOMAIN",
                            description = "Signing domain (default: dkim.domain, else the domain of newsletter.from).")
                    String domain,
            @Option(
                            names = "--algorithm",
                            defaultValue = "rsa",
                            paramLabel = "ALG",
                            description = "rsa (default; every receiver verifies it) or ed25519 (RFC 8463; "
                                    + "publish an RSA key too, not every receiver knows it).")
                    Algorithm algorithm,
            @Option(
                            names = "--bits",
                            defaultValue = "2048",
                            paramLabel = "N",
                            description = "RSA key size (default: ${DEFAULT-VALUE}; 2048 fits a DNS TXT record "
                                    + "everywhere).")
                    int bits,
            @Option(
                            names = "--out",
                            paramLabel = "FILE",
                            description =
                                    "Where to write the key (default: config/dkim-<selector>.pem in the project).")
                    Path out,
            @Option(names = "--force", description = "Overwrite an existing key file.") boolean force) {
        if (!selector.matches("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?")) {
            throw InvalidInputException.of(
                    Problem.inFile(Path.of("--selector"), "a selector is one DNS label: letters, digits, '-' and '_'"));
        }
        Config loaded = Files.isRegularFile(config.file) ? config.load() : null;
        String signingDomain = signingDomain(domain, loaded);
        Path keyFile = out != null
                ? out.toAbsolutePath()
                : loaded == null
                        ? Path.of("config", "dkim-" + selector + ".pem").toAbsolutePath()
                        : loaded.projectDir().resolve("config").resolve("dkim-" + selector + ".pem");
        DkimAlgorithm dkimAlgorithm =
                algorithm == Algorithm.rsa ? DkimAlgorithm.RSA_SHA256 : DkimAlgorithm.ED25519_SHA256;
        if (dkimAlgorithm == DkimAlgorithm.RSA_SHA256 && (bits < 2048 || bits > 4096)) {
            throw InvalidInputException.of(
                    Problem.inFile(Path.of("--bits"), "use 2048 to 4096 bits for an RSA key (2048 recommended)"));
        }
        KeyPair pair = DkimKey.generate(dkimAlgorithm, bits);
        write(keyFile, DkimKey.pem(pair.getPrivate()), force);
        DkimRecord record = new DkimRecord(dkimAlgorithm, pair.getPublic());
        String name = DkimRecord.name(selector, signingDomain);
        String shown = loaded != null && keyFile.startsWith(loaded.projectDir())
                ? loaded.projectDir().relativize(keyFile).toString()
                : keyFile.toString();
        var o = context.out();
        o.printf(
                "Wrote the private key to %s (%s), readable only by you. Keep it secret and out of version control.%n%n",
                keyFile, dkimAlgorithm == DkimAlgorithm.RSA_SHA256 ? "RSA " + bits + " bits" : "Ed25519");
        o.println("1. Publish this DNS TXT record (at your DNS provider):");
        o.println("   name:  " + name);
        o.println("   value: " + record.text());
        o.println("   zone-file form (long values split into 255-character strings):");
        o.println("   " + name + ". IN TXT ( " + record.zoneText() + " )");
        o.println();
        o.println("2. Point the config at the key (config/newsletter.yaml):");
        o.println("   dkim:");
        o.println("     domain: " + signingDomain);
        o.println("     selector: " + selector);
        o.println("     privateKey: " + shown);
        o.println();
        o.println("3. Once DNS has the record, check it: ./newsletter check ISSUE --online");
        return ExitCode.OK;
    }

    private static String signingDomain(String option, Config config) {
        String domain = option;
        if (domain == null && config != null) {
            domain = config.dkim()
                    .map(d -> d.domain())
                    .orElseGet(() ->
                            Mailbox.parse(config.newsletter().from()).address().domain());
        }
        if (domain == null) {
            throw InvalidInputException.of(
                    Problem.inFile(Path.of("--domain"), "no config file found: give the signing domain with --domain"));
        }
        try {
            String ascii = IDN.toASCII(domain.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            if (!ascii.contains(".")) {
                throw new IllegalArgumentException("no dot");
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(
                    Problem.inFile(Path.of("--domain"), "'" + domain + "' is not a domain name"));
        }
    }

    /** Writes the key atomically, with owner-only permissions from the start (where the file system has them). */
    private static void write(Path file, String pem, boolean force) {
        try {
            if (Files.exists(file) && !force) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp;
            try {
                temp = Files.createTempFile(
                        folder,
                        ".dkim-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temp = Files.createTempFile(folder, ".dkim-", ".tmp");
            }
            try {
                Files.writeString(temp, pem, StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw InvalidInputException.of(Problem.inFile(
                    file, "a key file is already there; choose another --selector or --out, or use --force"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key to " + file, e);
        }
    }
}
