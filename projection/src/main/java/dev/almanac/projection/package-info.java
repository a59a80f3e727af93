/**
 * The calendar projector: a pure function from a snapshot of engine state, plans and history to a
 * schedule of projected milestones, confidence bands and conflicts. No Spring, no database. See
 * docs/ARCHITECTURE.md. Entry points: {@link dev.almanac.projection.Projector} and {@link
 * dev.almanac.projection.ReleaseWindows}; {@link dev.almanac.projection.Backtest} measures the
 * projector against {@link dev.almanac.projection.SimulatedHistory}. Conflict kinds: {@code cycle},
 * {@code no-window}, {@code unknown-procedure}, {@code unknown-dependency}, {@code
 * unreadable-window}.
 */
package dev.almanac.projection;
