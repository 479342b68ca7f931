package dev.backstop.deploy;

import java.time.Instant;

/** A line of a deploy's progress: a transition or a note (a probe result, a countdown). */
public record DeployStep(long id, long deployId, Instant at, DeployState state, String message) {}
