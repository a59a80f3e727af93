/**
 * The calendar projector: a pure function from a snapshot of engine state, plans and history to a
 * schedule of projected milestones, confidence bands and conflicts. No Spring, no database.
 * See DESIGN.md; it is built by the calendar issue.
 */
package dev.almanac.projection;
