"""The hand-off to an outside helpdesk: every case event as a signed webhook (``webhooks``), and
the endpoint the helpdesk calls back, signed the same way with the endpoint's secret, to set a
case's state and post the agent's public reply into the thread (docs/support.md)."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import webhooks
from forum import services as forum
from webhooks.models import Endpoint

from . import actions, rules
from .models import Case

CALLBACK_STATES = {Case.State.OPEN, Case.State.WAITING, Case.State.SOLVED, Case.State.CLOSED}
REPLY_MAX_LENGTH = 20_000


def _error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


@csrf_exempt
@require_POST
def callback(request, endpoint_id: int):
    """``POST /api/support/helpdesk/<endpoint>/`` with ``{"case": 12, "state": "solved",
    "reply": "..."}``, signed like Dalil's own webhooks with that endpoint's secret. The change
    is made as the case's assignee, else as the person who set the endpoint up; either must
    be on the support team."""
    endpoint = Endpoint.objects.filter(pk=endpoint_id, active=True).first()
    if endpoint is None:  # nothing to check the signature with: as unauthenticated as a bad one
        return _error("unknown_endpoint", _("This helpdesk connection is unknown or off."), 401)
    try:
        body = webhooks.verify(request, secret=endpoint.secret)
    except webhooks.InvalidSignature as error:
        return _error("bad_signature", str(error), 401)
    try:
        data = json.loads(body)
        case_id = int(data["case"])
    except (ValueError, KeyError, TypeError):
        return _error("bad_request", _("Send JSON with the case number."), 400)
    state, reply = data.get("state"), data.get("reply") or ""
    if state is not None and state not in CALLBACK_STATES:
        return _error("bad_state", _("This state cannot be set from a helpdesk."), 400)
    if not isinstance(reply, str) or len(reply) > REPLY_MAX_LENGTH:
        return _error("bad_reply", _("The reply must be text of at most 20,000 characters."), 400)
    case = Case.objects.select_related("question", "assignee").filter(pk=case_id).first()
    if case is None:
        # 422, not 404: the address exists; the case the body names does not (and a 404 would
        # be redirected to a language prefix by the locale middleware).
        return _error("no_such_case", _("There is no such case."), 422)
    agent = case.assignee or endpoint.created_by
    if not rules.can_work_cases(agent):
        return _error("forbidden", _("Only the support team can change a case."), 403)
    answer = None
    try:
        with transaction.atomic():
            if reply.strip():
                answer = forum.create_answer(actor=agent, question=case.question, body=reply)
            if state:
                case = actions.set_state(actor=agent, case=case, state=state)
    except ValidationError as error:
        return _error("invalid", " ".join(error.messages), 400)
    except PermissionDenied as error:
        return _error("forbidden", str(error), 403)
    return JsonResponse({"case": case.pk, "state": case.state, "answer": answer and answer.pk})
