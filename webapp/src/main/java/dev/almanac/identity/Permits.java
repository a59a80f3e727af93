package dev.almanac.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action a handler performs; {@link ActionPolicy} lets the request in or refuses it before the
 * handler runs. A handler without it is refused for everyone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface Permits {

    Action value();

    /** The path variable naming the subject, for actions on a release, model or dependency. */
    String subject() default "";
}
