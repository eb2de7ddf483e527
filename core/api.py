"""API pieces of the workflow core: the POST endpoint per step of the review cycle, calling the
same :meth:`core.workflow.Workflow.transition` as the web UI and the admin, and their schema."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .text import REASON_MAX_LENGTH
from .workflow import Workflow, WorkflowError


class ReasonSerializer(serializers.Serializer):
    reden = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Verplicht bij terugsturen en heropenen; de leverancier ziet de reden.",
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def review_cycle_schemas(serializer, *, refusals: str, not_visible: str, steps: dict) -> dict:
    """For ``extend_schema_view(**…)``: the schema of each step, ``steps`` naming each step's
    (summary, description); ``refusals`` says why a step may be refused (400)."""
    return {
        name: extend_schema(
            summary=summary,
            description=description,
            request=ReasonSerializer,
            responses={
                200: serializer,
                400: OpenApiResponse(DetailSerializer, description=refusals),
                403: OpenApiResponse(DetailSerializer, description="Geen recht op deze actie."),
                404: OpenApiResponse(DetailSerializer, description=not_visible),
            },
        )
        for name, (summary, description) in steps.items()
    }


# A viewset's endpoints ``POST …/<pk>/indienen/`` etc. for the review cycle of its ``workflow``;
# the response is the object as ``get_serializer`` shows it. (A comment, not a docstring: the
# schema would show a docstring as the description of every endpoint of the viewset.)
class ReviewCycleActionsMixin:
    workflow: Workflow

    def run_transition(self, request, name):
        obj = self.get_object()
        if not self.workflow.may(name, request.user, obj):
            raise PermissionDenied(str(self.workflow.not_allowed))
        reason = ReasonSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        try:
            self.workflow.transition(
                obj, name, request.user, reason=reason.validated_data.get("reden", ""), via="api"
            )
        except WorkflowError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(self.get_object()).data)

    @action(detail=True, methods=["post"], filter_backends=[])
    def indienen(self, request, pk=None):
        return self.run_transition(request, "indienen")

    @action(detail=True, methods=["post"], filter_backends=[])
    def intrekken(self, request, pk=None):
        return self.run_transition(request, "intrekken")

    @action(detail=True, methods=["post"], filter_backends=[])
    def goedkeuren(self, request, pk=None):
        return self.run_transition(request, "goedkeuren")

    @action(detail=True, methods=["post"], filter_backends=[])
    def terugsturen(self, request, pk=None):
        return self.run_transition(request, "terugsturen")

    @action(detail=True, methods=["post"], filter_backends=[])
    def heropenen(self, request, pk=None):
        return self.run_transition(request, "heropenen")
