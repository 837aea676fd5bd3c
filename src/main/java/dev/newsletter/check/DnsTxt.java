package dev.newsletter.check;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** Looks up DNS TXT records. Behind an interface so tests need no network. */
@FunctionalInterface
public interface DnsTxt {

    /**
     * The TXT records at {@code name}, each with its strings joined; empty when the name has none.
     *
     * @throws NamingException when DNS cannot be asked (no resolver, timeout)
     */
    List<String> lookup(String name) throws NamingException;

    /** The system's resolvers, through the JDK's JNDI DNS provider. */
    static DnsTxt system() {
        return name -> {
            Hashtable<String, String> env = new Hashtable<>();
            env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
            env.put("com.sun.jndi.dns.timeout.initial", "3000");
            env.put("com.sun.jndi.dns.timeout.retries", "2");
            DirContext context = new InitialDirContext(env);
            try {
                Attribute txt =
                        context.getAttributes(name, new String[] {"TXT"}).get("TXT");
                List<String> records = new ArrayList<>();
                if (txt != null) {
                    NamingEnumeration<?> values = txt.getAll();
                    while (values.hasMore()) {
                        records.add(unquote(String.valueOf(values.next())));
                    }
                }
                return records;
            } catch (NameNotFoundException e) {
                return List.of();
            } finally {
                context.close();
            }
        };
    }

    /** {@code "v=DKIM1; p=ab" "cd"} → {@code v=DKIM1; p=abcd}. */
    static String unquote(String record) {
        String text = record.strip();
        if (!text.startsWith("\"")) {
            return text;
        }
        return text.replaceAll("\"\\s+\"", "").replace("\"", "");
    }
}
