package dev.newsletter.signup;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * What the per-client limit counts: an IPv4 address as it is, an IPv6 address by its {@code /64}
 * network. One IPv6 customer usually has a whole {@code /64} (SLAAC, privacy addresses) and can
 * rotate through it at will; counting each address would make the limit no limit.
 */
final class ClientKey {
    private ClientKey() {}

    /** The key for {@code client}, an address literal; anything else is its own key. */
    static String of(String client) {
        if (client.indexOf(':') < 0 || !client.matches("[0-9A-Fa-f:.]{2,45}")) {
            return client;
        }
        try {
            InetAddress address = InetAddress.getByName(client); // a literal: never a DNS lookup
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return client;
        }
    }
}
