"""Known-answer queries over the bilingual demo content, on the database backend and on the
live search node, MRR@5 printed side by side.

Two sets: titles, paraphrases, typos, Arabic letter and diacritic variants and English stems
(`CASES`: the expected article or thread must be in the top 3), and natural-language questions
as customers type them (`QUESTIONS`), which often share no word with the answer and need the
demo's synonyms (website/search/demo.py) or the Arabic roots (أشتكي → شكوى).
"""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.search.conftest import use_database, use_engine
from website.search.relevance import mean_reciprocal_rank
from website.search.selectors import search

pytestmark = pytest.mark.django_db

CASES = [
    # English: exact titles, paraphrases, stems, typos
    ("Call our support line", "en", "Call our support line"),
    ("chat with agent", "en", "Chat with an agent live"),
    ("complaint", "en", "Make a formal complaint"),
    ("formal complaints", "en", "Make a formal complaint"),
    ("book technician visit", "en", "Book an on-site technician visit"),
    ("techncian visit", "en", "Book an on-site technician visit"),
    ("check balance sms", "en", "Check your balance by SMS or USSD code"),
    ("ussd code", "en", "Check your balance by SMS or USSD code"),
    ("satisfaction survey", "en", "Satisfaction surveys: what we ask and why"),
    ("satisfacion surveys", "en", "Satisfaction surveys: what we ask and why"),
    ("escalate request", "en", "Track or escalate an open request"),
    ("tracking requests", "en", "Track or escalate an open request"),
    ("sign language", "en", "Video support and sign language"),
    ("self service portal", "en", "Use the self-service portal"),
    ("email social media", "en", "Write to us by email or on social media"),
    ("comunity answers", "en", "Get answers from the community"),
    ("live chat opening hours", "en", "What are the live chat opening hours?"),
    ("skip phone menu", "en", "How do I skip the phone menu and talk to a person?"),
    (
        "password reset link expired",
        "en",
        "Self-service portal says my password reset link has expired",
    ),
    ("video call router", "en", "Does Sahla offer video calls to help set up a new router?"),
    ("stop survey text messages", "en", "Can I stop the satisfaction survey text messages?"),
    ("call me back", "en", "Can support call me back instead of me waiting on hold?"),
    ("chat transcript", "en", "How do I get a copy of my live chat transcript?"),
    ("internet outage north", "en", "Internet outage in the north district this afternoon"),
    ("portal english", "en", "How do I switch the self-service portal to English?"),
    # Arabic: exact titles, letter variants (ة/ه، أ/إ/ا، ى/ي), diacritics, stems
    ("الاتصال بخط الدعم", "ar", "الاتصال بخط الدعم"),
    ("المحادثه المباشره", "ar", "المحادثة المباشرة مع موظف"),
    ("بوابه الخدمه الذاتيه", "ar", "استخدام بوابة الخدمة الذاتية"),
    ("معرفة الرصيد", "ar", "معرفة الرصيد برسالة نصية أو برمز مختصر"),
    ("رساله نصيه الرصيد", "ar", "معرفة الرصيد برسالة نصية أو برمز مختصر"),
    ("شكوى رسمية", "ar", "تقديم شكوى رسمية"),
    ("زياره فني", "ar", "حجز زيارة فني إلى منزلك"),
    ("استبيانات الرضا", "ar", "استبيانات الرضا: ماذا نسأل ولماذا"),
    ("استبيان الرِّضا", "ar", "استبيانات الرضا: ماذا نسأل ولماذا"),
    ("لغة الاشارة", "ar", "الدعم بالفيديو ولغة الإشارة"),
    ("تصعيد طلب", "ar", "متابعة طلب مفتوح أو تصعيده"),
    ("سرعة ردنا", "ar", "سرعة ردّنا على كل قناة"),
    ("واتساب", "ar", "هل يمكنني التواصل مع الدعم عبر واتساب؟"),
    ("رمز التحقق", "ar", "لم تصلني رسالة رمز التحقق عند تسجيل الدخول"),
    ("قائمة الرد الصوتي", "ar", "كيف أغير لغة قائمة الرد الصوتي إلى العربية؟"),
    ("قواعد منتدى المجتمع", "ar", "ما هي قواعد المشاركة في منتدى المجتمع؟"),
    ("الفواتير السابقة", "ar", "أين أجد فواتيري السابقة في بوابة الخدمة الذاتية؟"),
    ("ساعات عمل خدمه العملاء", "ar", "ما هي ساعات عمل خدمة العملاء عبر الهاتف؟"),
    ("مكالمه فيديو", "ar", "هل يمكنني حجز مكالمة فيديو مع الدعم الفني؟"),
]

# Questions as customers ask them, not titles.
QUESTIONS = [
    ("what is the phone number for customer service", "en", "Call our support line"),
    ("I am deaf, how can I contact you?", "en", "Video support and sign language"),
    ("how do I complain about bad service", "en", "Make a formal complaint"),
    ("can a technician come to my house", "en", "Book an on-site technician visit"),
    ("how much credit do I have left", "en", "Check your balance by SMS or USSD code"),
    ("my request is taking too long, what can I do", "en", "Track or escalate an open request"),
    ("how long until you reply to my email", "en", "How fast we answer on each channel"),
    ("can I talk to a real person in the chat", "en", "Chat with an agent live"),
    ("do you answer on twitter", "en", "Write to us by email or on social media"),
    ("أريد أن أشتكي من سوء الخدمة", "ar", "تقديم شكوى رسمية"),
    ("ما هو رقم خدمة العملاء", "ar", "الاتصال بخط الدعم"),
    ("أنا أصم كيف أتواصل معكم", "ar", "الدعم بالفيديو ولغة الإشارة"),
    ("كم بقي في رصيدي", "ar", "معرفة الرصيد برسالة نصية أو برمز مختصر"),
    ("أريد أن يزورني فني في البيت", "ar", "حجز زيارة فني إلى منزلك"),
    ("طلبي متأخر وأريد تصعيده", "ar", "متابعة طلب مفتوح أو تصعيده"),
    ("أريد أن أتحدث مع موظف في الدردشة", "ar", "المحادثة المباشرة مع موظف"),
    ("هل أستطيع الكتابة لكم على تويتر", "ar", "راسلنا بالبريد الإلكتروني أو عبر وسائل التواصل"),
]


def _reports():
    search_hits = lambda query, locale: search(query, locale=locale).hits  # noqa: E731
    return (
        mean_reciprocal_rank(CASES, search=search_hits, k=5),
        mean_reciprocal_rank(QUESTIONS, search=search_hits, k=5),
    )


def _seed(capsys):
    call_command("seed_demo")
    capsys.readouterr()


def test_demo_content_answers_known_queries_in_the_top_three(capsys, settings):
    use_database(settings)
    _seed(capsys)
    cases, questions = _reports()
    with capsys.disabled():
        print(f"\n[demo titles and paraphrases, database] {cases.summary()}")
        print(f"[demo natural-language questions, database] {questions.summary()}")
    assert len(CASES) >= 40 and len(QUESTIONS) >= 16
    assert not cases.top(3), cases.summary()
    assert questions.mrr >= 0.75, questions.summary()


@pytest.mark.engine
def test_the_search_node_answers_as_well_as_the_database(capsys, settings):
    """The same demo content on both backends in one run, MRR@5 side by side."""
    use_engine(settings)
    _seed(capsys)
    engine_cases, engine_questions = _reports()
    use_database(settings)
    database_cases, database_questions = _reports()
    rows = [
        ("titles and paraphrases", len(CASES), database_cases, engine_cases),
        ("natural-language questions", len(QUESTIONS), database_questions, engine_questions),
    ]
    with capsys.disabled():
        print(f"\n| queries | n | database ({connection.vendor}) | OpenSearch |")
        for label, count, database, engine in rows:
            print(f"| {label} | {count} | {database.mrr:.3f} | {engine.mrr:.3f} |")
        print(f"[engine] {engine_cases.summary()}\n[engine] {engine_questions.summary()}")
    assert not engine_cases.top(3), engine_cases.summary()
    # Lower than the database's on questions (0.76 against 0.97 when measured): see
    # docs/search.md, "Relevance"; the floor keeps it from getting worse.
    assert engine_questions.mrr >= 0.75, engine_questions.summary()
    assert engine_cases.mrr >= database_cases.mrr - 0.02
