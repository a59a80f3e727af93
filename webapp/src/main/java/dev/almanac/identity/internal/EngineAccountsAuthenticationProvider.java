package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.People;
import dev.almanac.identity.SignInThrottle;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against the engine's accounts, so one account works for our
 * pages, for Cockpit/Tasklist/Admin and for {@code /engine-rest}. Groups become authorities. Every
 * attempt passes the {@link SignInThrottle} first: a locked account or address is refused without
 * its password being tried.
 */
@Component
class EngineAccountsAuthenticationProvider implements AuthenticationProvider {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final People people;
    private final SignInThrottle throttle;

    EngineAccountsAuthenticationProvider(People people, SignInThrottle throttle) {
        this.people = people;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName() == null ? "" : authentication.getName().trim();
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails details
                        ? details.getRemoteAddress()
                        : null;
        SignInThrottle.Standing standing = throttle.standing(user, address);
        standing.block()
                .ifPresent(
                        block -> {
                            throw new LockedException(
                                    "Too many failed sign-ins "
                                            + (block.account()
                                                    ? "for " + block.name()
                                                    : "from " + block.name())
                                            + ": try again after "
                                            + TIME.format(block.until())
                                            + ", or ask an administrator to unlock it.");
                        });
        Object credentials = authentication.getCredentials();
        if (credentials == null || !people.passwordMatches(user, credentials.toString())) {
            throttle.failed(user, address);
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        if (standing.recorded()) {
            throttle.succeeded(user, address);
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
