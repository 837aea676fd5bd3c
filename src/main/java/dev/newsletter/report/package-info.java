/**
 * Reports people open in a browser: the per-issue delivery report and the report across issues, as
 * one self-contained HTML file each (inline CSS, inline SVG charts drawn here, no script, nothing
 * fetched), and the across-issues rows in table, JSON and CSV. Everything that came from outside
 * (addresses, SMTP replies, list and issue names) goes through {@link dev.newsletter.report.Markup}.
 */
package dev.newsletter.report;
