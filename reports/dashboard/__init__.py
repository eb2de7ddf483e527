"""The dashboard: every gemeente's figures at a glance, comparable, accessible, public where allowed.

- :mod:`.figures`: where the figures come from (approved, submitted, or from vastgestelde
  reports), computed by the indicator engine, protected by disclosure control and cached;
- :mod:`.services`: what each page shows (tiles per maatschappelijk resultaat, a thema's
  indicators, one indicator over time, begroot vs realisatie), with a comparison;
- :mod:`.exports`: CSV and XLSX of every table, :mod:`.charts`: SVG and PNG of every chart;
- :mod:`.forms`: the selection (periode, vergelijking, ...) read from the query string;
- :mod:`.views`: thin views for ``/dashboard/`` (logged in) and ``/openbaar/`` (no login).

See docs/dashboard.md.
"""
