"""Reactions to allauth's own events (the edge of our flow, not a hidden step of it)."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from .services import add_to_default_group


@receiver(user_signed_up, dispatch_uid="dalil_default_group")
def put_new_user_in_customers(sender, request, user, **kwargs):
    add_to_default_group(user=user)
