/**
 * The scheduling machinery: Quartz on the configured store (embedded H2, clustered PostgreSQL or
 * memory), the store's tables and every SQL statement ({@link
 * dev.newsletter.schedule.quartz.StoreSchema}), the one job that hands each firing to the rules of
 * {@code dev.newsletter.schedule}, and the two entry points the command line uses: the {@link
 * dev.newsletter.schedule.quartz.Daemon} behind {@code run} and the {@link
 * dev.newsletter.schedule.quartz.ScheduleBook} behind {@code schedule list|add|remove}. Quartz and
 * {@code java.sql} are used nowhere else.
 */
package dev.newsletter.schedule.quartz;
