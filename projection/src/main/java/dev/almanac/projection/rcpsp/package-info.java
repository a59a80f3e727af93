/**
 * Resource-constrained project scheduling (RCPSP): activities with durations, finish-to-start
 * precedence and renewable resources whose capacity may change over time. {@link
 * dev.almanac.projection.rcpsp.SerialSgs} places activities in list order at their earliest
 * feasible start; {@link dev.almanac.projection.rcpsp.Justification} improves a schedule by a
 * backward and a forward pass; {@link dev.almanac.projection.rcpsp.GeneticSearch} searches activity
 * lists within a budget of generated schedules; {@link dev.almanac.projection.rcpsp.Feasibility}
 * checks a schedule on its own. {@link dev.almanac.projection.rcpsp.Psplib} reads the PSPLIB
 * benchmark format and {@link dev.almanac.projection.rcpsp.PsplibRun} measures the search on a
 * folder of instances.
 */
package dev.almanac.projection.rcpsp;
