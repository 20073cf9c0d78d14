"""Demo synonyms: what support staff of the demo's telecom would add in the first week, from
the searches that found nothing (Reports → Search terms)."""

from .models import SearchSynonym
from .synonyms import CreateSynonymAction

DEMO_SYNONYMS = {
    "en": [
        "customer service, support line, hotline, helpline",
        "deaf, hard of hearing, sign language",
        "complain, complaint",
        "credit, balance",
        "reply, answer, respond",
        "real person, agent, human",
        "twitter, facebook, instagram, social media",
        "technician, engineer, home visit",
    ],
    "ar": [
        "خدمة العملاء, خط الدعم",
        "أصم, ضعيف السمع, لغة الإشارة",
        "دردشة, محادثة",
        "تويتر, فيسبوك, انستغرام, وسائل التواصل",
        "البيت, المنزل",
    ],
}


def seed_synonyms() -> int:
    """Add the demo's synonym groups once; returns how many were added."""
    added = 0
    for language, groups in DEMO_SYNONYMS.items():
        for terms in groups:
            if SearchSynonym.objects.filter(language=language, terms=terms).exists():
                continue
            synonym = SearchSynonym(language=language, terms=terms, note="Demo")
            CreateSynonymAction(synonym).execute()
            added += 1
    return added
