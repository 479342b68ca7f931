package dev.backstop.config;

/** A job-queue backlog query that must stay at or below {@code max}. */
public record QueueCheck(String name, String jdbc, String query, long max) {}
