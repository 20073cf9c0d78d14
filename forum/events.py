"""What happened in a thread, told to the apps above the forum (the support desk; later,
webhooks) after the change commits, through the ``dalil_thread_event`` Wagtail hook:
``function(event, *, question_id, actor, **data)``. The forum knows none of them."""

from django.db import transaction
from wagtail import hooks

HOOK = "dalil_thread_event"


def announce(event: str, *, question_id: int, actor, **data) -> None:
    def run():
        for function in hooks.get_hooks(HOOK):
            function(event, question_id=question_id, actor=actor, **data)

    transaction.on_commit(run)
