import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_rows_migrations_made():
    assert Group.objects.filter(name="Customers").exists()


@pytest.mark.django_db
def test_rows_migrations_made_survive_a_transactional_test():
    assert Group.objects.filter(name="Moderators").exists()
    assert Page.objects.filter(depth=2).count() == 2
