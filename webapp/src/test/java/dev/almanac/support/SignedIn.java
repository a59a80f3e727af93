package dev.almanac.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A MockMvc request signed in as a person in engine groups, as the sign-in provider does it. */
public final class SignedIn {

    private SignedIn() {}

    public static RequestPostProcessor as(String userId, String... groups) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        for (String group : groups) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + group));
        }
        return SecurityMockMvcRequestPostProcessors.user(userId).authorities(authorities);
    }

    /** Rita, the release manager of the test accounts. */
    public static RequestPostProcessor rita() {
        return as("rita", "release-managers");
    }
}
