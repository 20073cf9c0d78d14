"""The demo company's people and home pages. Apps add their own content through the
`dalil_seed_demo` hook (see website/sections.py)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page

from .models import HomePage
from .roles import CUSTOMERS, MODERATORS, SUPPORT_STAFF

COMPANY = "Sahla Telecom"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    email: str
    display_name: str
    language: str
    role: str | None
    bio: str = ""
    superuser: bool = False

    @property
    def password(self) -> str:
        return f"{self.key}-demo-2026"


PEOPLE = [
    DemoPerson("admin", "admin@dalil.example", "Dalil admin", "en", SUPPORT_STAFF, superuser=True),
    DemoPerson(
        "noura",
        "noura@dalil.example",
        "نورة الحربي",
        "ar",
        SUPPORT_STAFF,
        "مسؤولة قاعدة المعرفة في سهلة للاتصالات.",
    ),
    DemoPerson(
        "omar",
        "omar@dalil.example",
        "Omar Haddad",
        "en",
        SUPPORT_STAFF,
        "Support team lead at Sahla Telecom.",
    ),
    DemoPerson(
        "sami", "sami@dalil.example", "سامي يوسف", "ar", MODERATORS, "أشرف على مجتمع دليل منذ ٢٠٢٤."
    ),
    DemoPerson(
        "layla", "layla@dalil.example", "ليلى منصور", "ar", CUSTOMERS, "صاحبة متجر إلكتروني صغير."
    ),
    DemoPerson(
        "james",
        "james@dalil.example",
        "James Carter",
        "en",
        CUSTOMERS,
        "Runs the contact centre of a small clinic.",
    ),
    DemoPerson("fatima", "fatima@dalil.example", "فاطمة الزهراء", "ar", CUSTOMERS),
    DemoPerson("daniel", "daniel@dalil.example", "Daniel Okafor", "en", CUSTOMERS),
    # A member who joined today: trust level 0, so the forum seed's posts by him wait for review.
    DemoPerson(
        "newbie",
        "karim@dalil.example",
        "كريم ناصر",
        "ar",
        CUSTOMERS,
        "Karim Nasser — new to Sahla Telecom. عميل جديد في سهلة للاتصالات.",
    ),
]

HOME_CONTENT = {
    "ar": {
        "title": "مركز المساعدة",
        "heading": "كيف يمكننا مساعدتك اليوم؟",
        "intro": "ابحث في مقالات فريق الدعم في سهلة للاتصالات، أو اسأل المجتمع: "
        "عملاؤنا وموظفونا يجيبون كل يوم.",
    },
    "en": {
        "title": "Help center",
        "heading": "How can we help you today?",
        "intro": "Search articles written by the Sahla Telecom support team, or ask the "
        "community: customers and staff answer every day.",
    },
}


def seed_people() -> dict[str, tuple]:
    """Create (or refresh) one account per demo person, with a verified email address."""
    User = get_user_model()
    people = {}
    for person in PEOPLE:
        user, created = User.objects.get_or_create(
            email=person.email,
            defaults={"username": person.key, "display_name": person.display_name},
        )
        user.display_name = person.display_name
        user.preferred_language = person.language
        user.bio = person.bio
        user.is_staff = person.superuser
        user.is_superuser = person.superuser
        if created or not user.check_password(person.password):
            user.set_password(person.password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        if person.role:
            user.groups.add(Group.objects.get(name=person.role))
        people[person.key] = (user, person)
    return people


def seed_home_pages() -> dict[str, HomePage]:
    """Give each locale's home page its demo wording (the pages come from a migration)."""
    homes = {}
    source = HomePage.objects.filter(locale__language_code="ar").first()
    for code, content in HOME_CONTENT.items():
        locale, _ = Locale.objects.get_or_create(language_code=code)
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            if source is None:
                root = Page.get_first_root_node()
                source = root.add_child(instance=HomePage(slug="home-ar", locale=locale, **content))
                home = source
            else:
                home = source.copy_for_translation(locale)
        changed = any(getattr(home, field) != value for field, value in content.items())
        if changed or not home.live:
            for field, value in content.items():
                setattr(home, field, value)
            home.save_revision().publish()
        homes[code] = home
    return homes


@transaction.atomic
def seed_site() -> dict:
    return {"homes": seed_home_pages(), "people": seed_people()}
