package dev.newsletter.report;

/** One bar or column of a chart: its label and one value per series. */
record ChartRow(String label, double[] values) {
    double total() {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }
}
