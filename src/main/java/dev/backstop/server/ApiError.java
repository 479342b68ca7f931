package dev.backstop.server;

/**
 * The body of every failed admin API request: the one-sentence message a user sees and the exit
 * code the CLI should end with ({@link dev.backstop.BackstopException#exitCode()}).
 */
public record ApiError(String error, int exitCode) {}
