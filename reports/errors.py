"""The report's refusal, below both the workflow and the adoption's printing (which raises it
while the workflow is stepping)."""

from core.workflow import WorkflowError


class ReportError(WorkflowError):
    """Something that may not be done with a report; the message is shown to the user as is."""
