"""Per-kind answer logic over the facts (retrieval.facts finds them; these phrase them).

evaluation_report: scores, the overall result, sums and differences, a year against the one
before, measurement tables. business_plan: targets, budgets, staff and public lines. Prose
documents (press releases, news) hold scores and measurements phrased by evaluation_report.
"""
