"""Moderation's writes, one module per concern and one function per change.

Every action is keyword-only and typed, takes ``actor=``, checks first that the actor may do it
(``moderation.rules``; ``PermissionDenied`` before anything is written), validates, runs in one
transaction, writes its audit entry (``moderation.audit.record``) in that transaction and sends
notifications after commit: ``decisions`` (the review queue), ``flags``, ``people``
(suspensions, review of a person's posts), ``notifications`` and ``stale`` (stale content).
Reads live in ``moderation.selectors``; the checks before posting in ``moderation.posting``;
screening in ``moderation.screening``.
"""
