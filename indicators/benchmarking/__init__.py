"""A large generated data set and the speed measurements run on it (issue 3, "Speed").

- :mod:`.dataset`: ``python manage.py generate_large_dataset`` — all 342 gemeenten, their regio's,
  suppliers with doelgroepen, a few hundred indicators (entered, population and computed),
  10 years of quarters and tens of millions of approved figures, loaded with PostgreSQL COPY.
  Everything it makes has a code starting with :data:`PREFIX`, so it lives beside the demo data
  and ``--drop`` removes exactly that.
- :mod:`.measure`: ``python manage.py benchmark`` — bulk import through the API, computing,
  the overview of a gemeente and the heaviest list pages; it prints figures, it never asserts.

See docs/benchmarks.md for the figures on the development machine.
"""

PREFIX = "bench-"
