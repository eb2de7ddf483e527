"""Bulk import of figures: spreadsheet templates, the upload with preview, and the bulk API.

- :mod:`.template`: the per-submission template (XLSX, CSV, ODS), safe against formula injection;
- :mod:`.tables`: reading XLSX/CSV/ODS files, streamed by :mod:`.readers` within the limits of
  :mod:`.limits` (docs/reliability.md); :mod:`.cells`: cells and Dutch column headers;
- :mod:`.matching`: codes → cells of submissions, compared with what is stored (set-based);
- :mod:`.upload`: quick checks in the request, the file read by a Celery job
  (``indicators.tasks.read_import``) into a preview (ImportJob), apply via ``save_values``, discard;
- :mod:`.valueset`: ``import_value_set(user, items, dry_run)`` for the API and the benchmark.
"""

from .cells import FileProblem
from .matching import IncomingValue
from .valueset import ImportSummary, NotAllowed, import_value_set

__all__ = ["FileProblem", "ImportSummary", "IncomingValue", "NotAllowed", "import_value_set"]
