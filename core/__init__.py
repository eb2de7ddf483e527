"""Mechanisms with no domain of their own, used by every app: the workflow core, the security log,
chart primitives, formatting. Nothing here imports organisations, indicators, budgets or reports
at module level; apps depend on core, never the other way round."""
