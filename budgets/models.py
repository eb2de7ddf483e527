"""Budgets per taakveld. Issue 4 builds this app out; the foundation keeps it empty on purpose."""
