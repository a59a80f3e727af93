package dev.almanac.projection;

/** Whom a window applies to. */
public enum WindowScope {
    GLOBAL,
    PRODUCT_LINE,
    MODEL
}
