"""Themes, indicators, periods, uitvragen (what a supplier must deliver), submissions, their figures,
targets, validatieregels and imports: one module each, every name importable from here."""

from core.models import EDITABLE_STATUSES  # noqa: F401 (imported from here)

# Questions on one cell live with the review screens; their models belong to this app.
from ..review.models import CellMessage, CellQuestion, QuestionStatus  # noqa: E402, F401
from .importjob import (  # noqa: F401
    ImportJob,
    ImportStatus,
)
from .indicator import (  # noqa: F401
    Aggregatie,
    Aspect,
    Eenheid,
    Indicator,
    IndicatorSoort,
    PeriodType,
    Richting,
    Thema,
)
from .period import (  # noqa: F401
    PERIOD_RE,
    Period,
)
from .rule import (  # noqa: F401
    BijOntbreken,
    Ernst,
    Operator,
    ValidatieRegel,
)
from .submission import (  # noqa: F401
    Submission,
    SubmissionEvent,
    SubmissionQuerySet,
    SubmissionStatus,
)
from .target import (  # noqa: F401
    Oordeel,
    Streefwaarde,
    TrendOordeel,
    Vergelijking,
)
from .uitvraag import (  # noqa: F401
    Uitvraag,
    UitvraagRegel,
)
from .value import (  # noqa: F401
    CijferStatus,
    Value,
    ValueQuerySet,
    is_provisional,
    status_from,
)
