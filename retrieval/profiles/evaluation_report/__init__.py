"""Evaluation report answers: scores, the overall result, sums, differences, year against year."""
