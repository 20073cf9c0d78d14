"""A bilingual corpus of telecom customer-service content for the search contract tests."""

from datetime import UTC, datetime

from website.search.documents import SearchDocument

WHEN = datetime(2026, 11, 1, tzinfo=UTC)

ARTICLES = [
    (
        "en-phone",
        "en",
        "How to contact phone support",
        "Contact",
        ["phone", "support"],
        "Call our customer phone support line on 1-800-555-0100. Agents answer 24 hours a day "
        "and the average wait is under five minutes.",
    ),
    (
        "en-chat",
        "en",
        "Start a live chat with an agent",
        "Contact",
        ["chat"],
        "Open the chat bubble on any page to talk to an agent. Live chat is staffed from eight "
        "in the morning until midnight.",
    ),
    (
        "en-sms",
        "en",
        "Why didn't I receive my SMS verification code?",
        "Messages",
        ["sms", "verification"],
        "Verification codes are sent by SMS within a minute. Check that your number is right, "
        "that your phone has signal, and that short codes are not blocked by your carrier.",
    ),
    (
        "en-ivr",
        "en",
        "Navigating the IVR phone menu",
        "Contact",
        ["ivr", "phone"],
        "The interactive voice response menu lets you pay a bill, check usage or reach an "
        "agent. Press 0 at any time to speak to a person.",
    ),
    (
        "en-surveys",
        "en",
        "Customer satisfaction surveys explained",
        "Feedback",
        ["surveys"],
        "After each conversation we may send a short satisfaction survey. Your rating helps "
        "us coach agents and improve our answers.",
    ),
    (
        "en-response",
        "en",
        "Our response times for email and chat",
        "Contact",
        ["response-time"],
        "We answer chat within two minutes, email within one working day and social media "
        "messages within four hours.",
    ),
    (
        "en-password",
        "en",
        "Reset your account password",
        "Account",
        ["account"],
        "Use the forgotten password link on the login page. A reset link is emailed to you "
        "and expires after one hour.",
    ),
    (
        "ar-phone",
        "ar",
        "كيفية التواصل مع الدعم الهاتفي",
        "التواصل",
        ["هاتف"],
        "اتصل بخط خدمة العملاء على الرقم ١٢٣٤٥، يرد موظفونا على مدار ٢٤ ساعة.",
    ),
    (
        "ar-chat",
        "ar",
        "بدء محادثة مباشرة مع موظف",
        "التواصل",
        ["محادثة"],
        "افتح نافذة المحادثة من أي صفحة للتحدث مع موظف خدمة العملاء.",
    ),
    (
        "ar-sms",
        "ar",
        "لماذا لم تصلني رسالة التحقق القصيرة؟",
        "الرسائل",
        ["sms"],
        "تُرسل رموز التحقق برسالة SMS خلال دقيقة. تأكد من صحة رقمك ومن قوة الإشارة.",
    ),
    (
        "ar-surveys",
        "ar",
        "استطلاعات رضا العملاء",
        "الملاحظات",
        ["استطلاع"],
        "نُرسِل استطلاعًا قصيرًا بعد كلِّ مُحادثة، وتقييمك يساعدنا على تحسين إجاباتنا.",
    ),
    (
        "ar-response",
        "ar",
        "أوقات الاستجابة للبريد والمحادثة",
        "التواصل",
        ["الاستجابة"],
        "نرد على المحادثة خلال دقيقتين وعلى البريد الإلكتروني خلال يوم عمل واحد.",
    ),
    (
        "ar-ivr",
        "ar",
        "القائمة الصوتية التفاعلية",
        "التواصل",
        ["هاتف"],
        "تتيح لك القائمة الصوتية دفع الفاتورة أو معرفة الاستهلاك أو الوصول إلى موظف.",
    ),
]

THREADS = [
    (
        "en-late-sms",
        "en",
        "SMS messages arrive late",
        "Messages",
        ["sms"],
        True,
        "My SMS messages arrive hours late. Answer: restart the phone and update the carrier "
        "settings; late delivery usually stops.",
    ),
    (
        "en-chat-drops",
        "en",
        "Live chat window keeps disconnecting",
        "Contact",
        ["chat"],
        False,
        "The chat window closes itself after a minute and I lose the conversation.",
    ),
    (
        "en-survey-texts",
        "en",
        "Can I opt out of the survey texts?",
        "Feedback",
        ["surveys", "sms"],
        True,
        "I keep getting survey texts after every call. Answer: reply STOP to the survey number.",
    ),
    (
        "en-ivr-account",
        "en",
        "IVR keeps asking for my account number",
        "Contact",
        ["ivr"],
        False,
        "Every time I call, the voice menu asks for my account number twice.",
    ),
    (
        "ar-late-sms",
        "ar",
        "الرسائل القصيرة تتأخر في الوصول",
        "الرسائل",
        ["sms"],
        True,
        "تصلني الرسائل بعد ساعات. الإجابة: أعد تشغيل الهاتف وحدّث إعدادات الشبكة.",
    ),
    (
        "ar-chat-drops",
        "ar",
        "نافذة المحادثة تنقطع باستمرار",
        "التواصل",
        ["محادثة"],
        False,
        "تنغلق نافذة المحادثة بعد دقيقة وأفقد ما كتبته.",
    ),
    (
        "ar-survey-optout",
        "ar",
        "كيف ألغي الاشتراك في استبيان الرضا؟",
        "الملاحظات",
        ["استطلاع"],
        True,
        "تصلني رسائل استبيان بعد كل مكالمة. الإجابة: أرسل كلمة إيقاف إلى رقم الاستبيان.",
    ),
    (
        "ar-bill",
        "ar",
        "خطأ في فاتورة شهر ٣",
        "الفواتير",
        ["فاتورة"],
        False,
        "فاتورة شهر ٣ أعلى من المعتاد بمبلغ ٥٠ ريالاً.",
    ),
]


def document(kind, row) -> SearchDocument:
    if kind == "article":
        key, locale, title, category, tags, body = row
        solved = None
    else:
        key, locale, title, category, tags, solved, body = row
    return SearchDocument(
        kind=kind,
        object_id=key,
        locale=locale,
        title=title,
        body=body,
        url=f"/{locale}/{kind}s/{key}/",
        updated_at=WHEN,
        tags=tags,
        category=category,
        solved=solved,
        popularity=1.0,
    )


class FixtureProvider:
    """A search provider over an in-memory dict, standing in for kb and forum."""

    def __init__(self, kind, rows):
        self.kind = kind
        self.documents = {row[0]: document(kind, row) for row in rows}

    def iter_documents(self):
        return iter(list(self.documents.values()))

    def document_for(self, object_id):
        return self.documents.get(str(object_id))
