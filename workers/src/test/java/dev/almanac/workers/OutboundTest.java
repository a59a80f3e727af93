package dev.almanac.workers;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The outbound allow-list decides before anything is sent. Every address here is a literal, so no
 * check even looks a name up; nothing is called.
 */
class OutboundTest {

    @Test
    void aHostOffTheListIsRefusedWithoutALookup() {
        Outbound outbound = Outbound.allowing("mlflow.example.com, *.pipelines.example.com");
        assertThatThrownBy(() -> outbound.check(URI.create("https://evil.example.net/x")))
                .isInstanceOf(Outbound.Refused.class)
                .hasMessageContaining("evil.example.net: it is not on the allow-list")
                .hasMessageContaining("mlflow.example.com, *.pipelines.example.com");
        assertThatThrownBy(() -> Outbound.none().check(URI.create("https://mlflow.example.com/")))
                .hasMessageContaining("allowed-hosts is empty");
    }

    @Test
    void loopbackLinkLocalPrivateAndUniqueLocalAddressesAreRefusedUnlessListed() {
        Outbound outbound = Outbound.allowing("mlflow.example.com");
        for (String address :
                new String[] {
                    "http://127.0.0.1:3306/",
                    "http://169.254.169.254/latest/meta-data/",
                    "http://10.1.2.3/",
                    "http://172.16.0.9/",
                    "http://192.168.1.1/",
                    "http://100.64.0.1/",
                    "http://0.0.0.0/",
                    "http://[::1]/",
                    "http://[fd00::1]/",
                    "http://[fe80::1]/",
                    "http://[::ffff:127.0.0.1]/"
                }) {
            assertThatThrownBy(() -> outbound.check(URI.create(address)))
                    .as(address)
                    .isInstanceOf(Outbound.Refused.class)
                    .hasMessageContaining("Almanac does not call");
        }
    }

    @Test
    void anAddressOrRangeOnTheListIsAllowedExplicitly() {
        Outbound outbound = Outbound.allowing("127.0.0.1, 10.20.0.0/16 ::1");
        assertThatCode(() -> outbound.check(URI.create("http://127.0.0.1:8080/demo")))
                .doesNotThrowAnyException();
        assertThatCode(() -> outbound.check(URI.create("https://10.20.7.1/")))
                .doesNotThrowAnyException();
        assertThatCode(() -> outbound.check(URI.create("http://[::1]:9/")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> outbound.check(URI.create("https://10.21.0.1/")))
                .isInstanceOf(Outbound.Refused.class);
        assertThatThrownBy(() -> outbound.check(URI.create("http://127.0.0.2/")))
                .isInstanceOf(Outbound.Refused.class);
    }

    @Test
    void onlyHttpAndHttpsAndOnlyAbsoluteAddresses() {
        Outbound outbound = Outbound.allowing("127.0.0.1");
        assertThatThrownBy(() -> outbound.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(Outbound.Refused.class);
        assertThatThrownBy(() -> outbound.check(URI.create("ftp://127.0.0.1/")))
                .hasMessageContaining("http or https only");
        assertThatThrownBy(() -> outbound.check(URI.create("/relative")))
                .isInstanceOf(Outbound.Refused.class);
        // not a valid address, so not looked up either
        assertThatThrownBy(() -> outbound.check(URI.create("http://999.1.1.1/")))
                .isInstanceOf(Outbound.Refused.class);
    }

    @Test
    void aBadEntryIsRefusedWhenTheListIsRead() {
        assertThatThrownBy(() -> Outbound.allowing("10.0.0.0/40"))
                .hasMessageContaining("not an address range");
    }
}
