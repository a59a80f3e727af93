package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.People;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against the engine's accounts, so one account works for our
 * pages, for Cockpit/Tasklist/Admin and for {@code /engine-rest}. Groups become authorities.
 */
@Component
class EngineAccountsAuthenticationProvider implements AuthenticationProvider {

    private final People people;

    EngineAccountsAuthenticationProvider(People people) {
        this.people = people;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (credentials == null || !people.passwordMatches(user, credentials.toString())) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<SimpleGrantedAuthority> groups =
                people.teamsOf(user).stream()
                        .map(team -> new SimpleGrantedAuthority(AccessPolicy.GROUP + team))
                        .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
