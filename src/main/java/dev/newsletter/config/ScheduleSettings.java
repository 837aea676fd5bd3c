package dev.newsletter.config;

/** One entry of {@code schedules:} — send an issue to a list on a Quartz cron (with seconds). */
public record ScheduleSettings(String issue, String list, String cron, String timeZone) {}
