package dev.almanac.governance;

import org.operaton.bpm.engine.ProcessEngineException;

/**
 * The person completing a gate requested or last changed the release (or asked for the override):
 * someone else must decide.
 */
public class FourEyesViolation extends ProcessEngineException {

    public FourEyesViolation(String message) {
        super(message);
    }
}
