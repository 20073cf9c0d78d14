"""Reactions to allauth's and Wagtail's own events (the edge of our flow, not a hidden step)."""

from allauth.account.signals import user_signed_up
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache
from .services import add_to_default_group


@receiver(user_signed_up, dispatch_uid="dalil_default_group")
def put_new_user_in_customers(sender, request, user, **kwargs):
    add_to_default_group(user=user)


@receiver(page_published, dispatch_uid="dalil_page_cache_published")
@receiver(page_unpublished, dispatch_uid="dalil_page_cache_unpublished")
@receiver(post_page_move, dispatch_uid="dalil_page_cache_moved")
@receiver(post_delete, dispatch_uid="dalil_page_cache_deleted")
def drop_cached_pages(sender, instance=None, **kwargs):
    """Any change to Wagtail's tree can change menus, lists and links on every page it serves."""
    if isinstance(instance, Page):
        transaction.on_commit(lambda: page_cache.bump("pages"))
