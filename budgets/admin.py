"""Budgets get their admin when issue 4 adds the models."""
