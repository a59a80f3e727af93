package dev.almanac.workers;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where Almanac may call out to: data feed checks, training and deploy webhooks, MLflow, notice
 * webhooks. Only hosts on the administrator's allow-list ({@code almanac.outbound.allowed-hosts}):
 * names ({@code mlflow.example.com}, {@code *.example.com}), addresses and ranges ({@code
 * 10.20.0.0/16}). A call is checked before anything is sent: its host must be on the list, and
 * every address the name resolves to must be public unless an address entry allows it, so loopback,
 * link-local (cloud metadata), private and unique-local addresses are refused unless allowed
 * explicitly. A host that is not on the list is refused without even a name lookup.
 */
public final class Outbound {

    /** Refused before connecting, with a sentence saying why. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> names = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();
    private final String configured;
    private final boolean anywhere;

    private record Range(byte[] network, int bits) {

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private Outbound(String configured, boolean anywhere) {
        this.anywhere = anywhere;
        this.configured = configured == null ? "" : configured.trim();
        for (String entry : this.configured.split("[,\\s]+")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.startsWith("*.")) {
                suffixes.add(e.substring(1));
            } else if (literal(stripSlash(e))) {
                ranges.add(range(e));
            } else {
                names.add(e);
            }
        }
    }

    /**
     * The allow-list from its configured form: entries separated by commas or spaces.
     *
     * @throws IllegalArgumentException naming an entry that is not a host, address or range
     */
    public static Outbound allowing(String hosts) {
        return new Outbound(hosts, false);
    }

    /** Nothing may be called: what Almanac does until an administrator lists hosts. */
    public static Outbound none() {
        return new Outbound("", false);
    }

    /**
     * For a standalone worker's calls to the Almanac server it was configured to work for (its
     * engine REST API), which the worker's own configuration names: not an address from data.
     */
    public static Outbound ownServer() {
        return new Outbound("", true);
    }

    /**
     * Checks a call before it is made.
     *
     * @throws Refused saying why, before any connection (and, for a host off the list, before any
     *     name lookup)
     */
    public void check(URI uri) {
        if (anywhere) {
            return;
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
            throw new Refused("'" + shown(uri) + "' is not an absolute http(s) address.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("Almanac calls out over http or https only, not " + scheme + ".");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean named = names.contains(host) || suffixes.stream().anyMatch(host::endsWith);
        boolean literal = literal(host);
        if (!named && !literal) {
            throw refused(host, "is not on the allow-list of hosts Almanac may call");
        }
        InetAddress[] addresses;
        try {
            addresses = literal ? new InetAddress[] {parse(host)} : InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw refused(host, "does not resolve");
        }
        for (InetAddress address : addresses) {
            boolean allowedAddress = ranges.stream().anyMatch(r -> r.contains(address));
            if (literal && !allowedAddress) {
                throw refused(host, "is not on the allow-list of hosts Almanac may call");
            }
            if (!allowedAddress && internal(address)) {
                throw refused(
                        host,
                        "resolves to "
                                + address.getHostAddress()
                                + ", a loopback, link-local or private address; list that"
                                + " address or range explicitly to allow it");
            }
        }
    }

    /** Whether the address is one a server must not be made to call unasked. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] a = address.getAddress();
        if (a.length == 4) {
            int first = a[0] & 0xff;
            int second = a[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15
            return (first == 100 && second >= 64 && second < 128)
                    || first == 0
                    || (first == 192 && second == 0 && (a[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19));
        }
        // fc00::/7 unique local; IPv4-mapped addresses are checked as IPv4 by the JDK already
        return (a[0] & 0xfe) == 0xfc;
    }

    private Refused refused(String host, String why) {
        return new Refused(
                "Almanac does not call "
                        + host
                        + ": it "
                        + why
                        + " (almanac.outbound.allowed-hosts"
                        + (configured.isEmpty() ? " is empty" : ": " + configured)
                        + ").");
    }

    private static String shown(URI uri) {
        String text = String.valueOf(uri);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static String stripSlash(String entry) {
        int slash = entry.indexOf('/');
        return slash < 0 ? entry : entry.substring(0, slash);
    }

    private static boolean literal(String host) {
        if (host.contains(":")) {
            return true;
        }
        if (!IPV4.matcher(host).matches()) {
            return false;
        }
        for (String octet : host.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A literal address, without a name lookup (the JDK does none for literals). */
    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
    }

    private static Range range(String entry) {
        String address = stripSlash(entry);
        byte[] network = parse(address).getAddress();
        int bits = network.length * 8;
        if (entry.contains("/")) {
            try {
                bits = Integer.parseInt(entry.substring(entry.indexOf('/') + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an address range");
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("'" + entry + "' is not an address range");
            }
        }
        return new Range(network, bits);
    }
}
