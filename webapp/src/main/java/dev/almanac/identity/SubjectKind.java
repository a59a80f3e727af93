package dev.almanac.identity;

/** What an action is done to, when who may do it depends on who owns it. */
public enum SubjectKind {
    /** Nothing in particular: the rule depends on the caller's roles only. */
    NONE,
    /** A release, by its key. */
    RELEASE,
    /** A model, by its key. */
    MODEL,
    /** A dependency between releases, by its id: it belongs to its downstream release. */
    DEPENDENCY,
    /** Something that spans every model, like the stakeholder list: tokens without a scope only. */
    EVERY_MODEL
}
