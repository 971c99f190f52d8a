"""Business plan answers: targets, budgets, contacts."""
