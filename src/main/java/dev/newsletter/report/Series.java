package dev.newsletter.report;

/** One series of a chart: its name (in the legend, titles and data attributes) and its colour class. */
record Series(String name, String css) {}
