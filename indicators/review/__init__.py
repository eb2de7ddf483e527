"""Review that respects the reviewer's time: questions on one cell, what changed since the last
review, approving several aanleveringen at once (see docs/work.md)."""
