/**
 * Scheduled sends, as rules free of Quartz: a {@link dev.newsletter.schedule.Firing} is judged by
 * the {@link dev.newsletter.schedule.MisfireRule} (its due time from {@link
 * dev.newsletter.schedule.CatchUpDue}), run by the {@link dev.newsletter.schedule.FiringRunner}
 * through the pre-send gate to the same send as {@code ./newsletter send}, and ends in a {@link
 * dev.newsletter.schedule.FiringOutcome} kept as a {@link dev.newsletter.schedule.LastFiring}. What
 * the daemon and {@code schedule list} say is written here too. The Quartz store, its SQL and the
 * wiring live in {@code schedule.quartz}, which uses this package and never the other way round.
 */
package dev.newsletter.schedule;
