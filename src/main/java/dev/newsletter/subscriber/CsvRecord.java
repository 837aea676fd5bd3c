package dev.newsletter.subscriber;

import java.util.List;

/** One CSV record and the line it starts on (1-based; a quoted field may span several lines). */
record CsvRecord(List<String> fields, long line) {}
