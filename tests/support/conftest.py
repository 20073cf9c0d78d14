import pytest
from django.utils import translation

from forum import services as forum
from forum.models import Category
from support.models import CategoryPolicy


@pytest.fixture
def billing(db):
    category = Category.objects.create(slug="billing", name_ar="الفواتير", name_en="Billing")
    CategoryPolicy.objects.create(category=category, first_response_hours=4, asker_wait_hours=24)
    return category


@pytest.fixture
def ask(established_members, customer, billing):
    def make(**kwargs):
        values = {
            "actor": customer,
            "title": "My invoice shows a charge twice",
            "body": "The March invoice lists the same roaming charge two times. Why?",
            "language": "en",
            "category": billing,
        }
        return forum.create_question(**{**values, **kwargs})

    return make


@pytest.fixture(autouse=True)
def in_english():
    """Messages and page addresses in English (the Arabic ones are checked in the journey)."""
    with translation.override("en"):
        yield
