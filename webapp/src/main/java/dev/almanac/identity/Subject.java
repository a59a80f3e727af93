package dev.almanac.identity;

/**
 * What the policy needs to know about the thing acted on: its model, its product line (none when
 * the model is in no product line) and the team that owns it.
 */
public record Subject(String model, String productLine, String ownerTeam) {}
