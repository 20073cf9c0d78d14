"""A generated bilingual corpus of telecom help-center content, for search benchmarks.

Deterministic (seeded): the same `count` always gives the same documents, half Arabic and half
English, a third of them articles and the rest threads.
"""

import random
from datetime import UTC, datetime

from website.search.documents import SearchDocument

TOPICS = {
    "en": [
        ("SMS", "text message verification code delivery short code carrier signal"),
        ("live chat", "agent chat window conversation disconnect queue waiting"),
        ("phone support", "call line agent hold wait time callback number"),
        ("IVR", "voice menu press option account number keypad"),
        ("satisfaction survey", "rating feedback survey opt out score agent"),
        ("response times", "email reply hours working day social media"),
        ("billing", "invoice charge payment refund monthly plan"),
        ("roaming", "abroad travel data bundle network partner"),
        ("password", "reset account login email link expire"),
        ("SIM card", "activation replacement eSIM PIN PUK lock"),
    ],
    "ar": [
        ("الرسائل القصيرة", "رمز التحقق الرسالة الشبكة الإشارة المشغل"),
        ("المحادثة المباشرة", "موظف نافذة المحادثة انقطاع الانتظار الطابور"),
        ("الدعم الهاتفي", "اتصال خط موظف الانتظار معاودة الاتصال رقم"),
        ("القائمة الصوتية", "قائمة صوتية اضغط خيار رقم الحساب"),
        ("استطلاع الرضا", "تقييم ملاحظات استبيان إلغاء الاشتراك"),
        ("أوقات الاستجابة", "البريد الإلكتروني الرد ساعات يوم عمل"),
        ("الفواتير", "فاتورة رسوم دفع استرداد باقة شهرية"),
        ("التجوال", "السفر الخارج باقة بيانات شبكة شريكة"),
        ("كلمة المرور", "إعادة تعيين الحساب تسجيل الدخول رابط"),
        ("شريحة الاتصال", "تفعيل استبدال شريحة إلكترونية رمز PIN"),
    ],
}
OPENERS = {
    "en": ["How do I fix", "Problem with", "Question about", "Help with", "Why is my"],
    "ar": ["كيف أحل مشكلة", "مشكلة في", "سؤال عن", "مساعدة في", "لماذا"],
}


class GeneratedProvider:
    """A search provider over generated documents of one kind."""

    def __init__(self, kind: str, documents: list[SearchDocument]):
        self.kind = kind
        self.documents = documents

    def iter_documents(self):
        return iter(self.documents)

    def document_for(self, object_id):
        return next((d for d in self.documents if d.object_id == object_id), None)

    def count(self):
        return len(self.documents)


def generate(count: int, *, seed: int = 8) -> list[GeneratedProvider]:
    rng = random.Random(seed)
    documents = {"article": [], "thread": []}
    for number in range(count):
        locale = "ar" if number % 2 else "en"
        topic, words = rng.choice(TOPICS[locale])
        vocabulary = words.split()
        kind = "article" if number % 3 == 0 else "thread"
        title = f"{rng.choice(OPENERS[locale])} {topic} {rng.choice(vocabulary)} {number}"
        body = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(40, 160)))
        documents[kind].append(
            SearchDocument(
                kind=kind,
                object_id=str(number),
                locale=locale,
                title=title,
                body=f"{topic}. {body}",
                url=f"/{locale}/{kind}s/{number}/",
                updated_at=datetime(2026, 1, 1, tzinfo=UTC),
                tags=[topic],
                category=topic,
                solved=None if kind == "article" else bool(number % 2),
                popularity=float(rng.randint(0, 50)),
            )
        )
    return [GeneratedProvider(kind, docs) for kind, docs in documents.items()]


QUERIES = {
    "en": [
        "sms code",
        "live chat agent",
        "recieve verification",
        "survey opt out",
        "roaming data",
        "password reset link",
        "billing refund",
        "ivr menu",
        "custmer support",
        "sim card",
    ],
    "ar": [
        "رمز التحقق",
        "المحادثه المباشره",
        "استطلاع الرضا",
        "فاتوره",
        "التجوال",
        "كلمه المرور",
        "القائمه الصوتيه",
        "الدعم الهاتفي",
        "شريحه",
        "الرساله القصيره",
    ],
}
