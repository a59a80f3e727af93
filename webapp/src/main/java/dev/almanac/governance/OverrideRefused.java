package dev.almanac.governance;

import org.operaton.bpm.engine.ProcessEngineException;

/** An override without a reason or a future expiry: nothing is granted. */
public class OverrideRefused extends ProcessEngineException {

    public OverrideRefused(String message) {
        super(message);
    }
}
