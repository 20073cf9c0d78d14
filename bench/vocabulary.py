"""Word lists and sentence templates for a bilingual telecom help-center corpus (no downloads).

Each language has topics (a name, its tag and words that go with it) and sentence templates with
`{topic}`, `{thing}`, `{channel}`, `{time}` and `{number}` slots.
"""

TOPICS = {
    "en": [
        ("SMS verification", "sms", ["code", "text message", "short code", "signal"]),
        ("live chat", "live-chat", ["agent", "chat window", "queue", "transcript"]),
        ("phone support", "phone", ["call", "hold music", "callback", "line"]),
        ("IVR menu", "ivr", ["voice menu", "keypad", "option", "account number"]),
        ("satisfaction survey", "survey", ["rating", "feedback", "score", "opt out"]),
        ("email support", "email", ["reply", "ticket", "inbox", "attachment"]),
        ("billing", "billing", ["invoice", "charge", "payment", "refund"]),
        ("roaming", "roaming", ["abroad", "data bundle", "partner network", "travel"]),
        ("password reset", "password", ["reset link", "login", "account", "expiry"]),
        ("SIM card", "sim", ["eSIM", "PIN", "PUK", "activation"]),
        ("fibre internet", "fibre", ["router", "speed", "outage", "installation"]),
        ("mobile data", "data", ["bundle", "APN", "4G", "throttling"]),
        ("store visit", "store", ["appointment", "branch", "queue number", "ID card"]),
        ("video support", "video", ["video call", "camera", "booking", "link"]),
        ("complaints", "complaint", ["escalation", "reference number", "ombudsman", "deadline"]),
        ("self-service app", "app", ["update", "notification", "login", "dark mode"]),
    ],
    "ar": [
        ("رمز التحقق", "رسائل-قصيرة", ["الرمز", "الرسالة النصية", "الرقم المختصر", "الإشارة"]),
        ("المحادثة المباشرة", "محادثة", ["الموظف", "نافذة المحادثة", "الطابور", "سجل المحادثة"]),
        ("الدعم الهاتفي", "هاتف", ["المكالمة", "الانتظار", "معاودة الاتصال", "الخط"]),
        ("القائمة الصوتية", "رد-صوتي", ["القائمة", "لوحة المفاتيح", "الخيار", "رقم الحساب"]),
        ("استطلاع الرضا", "استطلاع", ["التقييم", "الملاحظات", "الدرجة", "إلغاء الاشتراك"]),
        ("البريد الإلكتروني", "بريد", ["الرد", "التذكرة", "صندوق الوارد", "المرفق"]),
        ("الفواتير", "فواتير", ["الفاتورة", "الرسوم", "الدفع", "الاسترداد"]),
        ("التجوال", "تجوال", ["السفر", "باقة البيانات", "الشبكة الشريكة", "الخارج"]),
        ("كلمة المرور", "كلمة-المرور", ["رابط الاستعادة", "تسجيل الدخول", "الحساب", "الصلاحية"]),
        ("شريحة الاتصال", "شريحة", ["الشريحة الإلكترونية", "رمز PIN", "رمز PUK", "التفعيل"]),
        ("الألياف الضوئية", "ألياف", ["الراوتر", "السرعة", "الانقطاع", "التركيب"]),
        ("بيانات الجوال", "بيانات", ["الباقة", "نقطة الوصول", "الجيل الرابع", "بطء السرعة"]),
        ("زيارة الفرع", "فرع", ["الموعد", "الفرع", "رقم الدور", "الهوية"]),
        ("الدعم بالفيديو", "فيديو", ["مكالمة الفيديو", "الكاميرا", "الحجز", "الرابط"]),
        ("الشكاوى", "شكوى", ["التصعيد", "الرقم المرجعي", "الجهة الرقابية", "المهلة"]),
        ("تطبيق الخدمة الذاتية", "تطبيق", ["التحديث", "الإشعار", "الدخول", "الوضع الليلي"]),
    ],
}

CHANNELS = {
    "en": ["the app", "the website", "the call centre", "a store", "live chat", "email"],
    "ar": ["التطبيق", "الموقع", "مركز الاتصال", "الفرع", "المحادثة المباشرة", "البريد"],
}
TIMES = {
    "en": ["yesterday", "this morning", "last week", "for three days", "since the update"],
    "ar": ["أمس", "صباح اليوم", "الأسبوع الماضي", "منذ ثلاثة أيام", "منذ التحديث"],
}

TITLES = {
    "en": [
        "How do I fix {thing} problems with {topic}?",
        "{topic}: {thing} not working {time}",
        "Why does {topic} ask for my {thing}?",
        "Can I change my {thing} through {channel}?",
        "{topic} keeps failing when I use {channel}",
        "Is there a fee for {thing} on {topic}?",
        "Where do I find the {thing} for {topic}?",
    ],
    "ar": [
        "كيف أحل مشكلة {thing} في {topic}؟",
        "{topic}: {thing} لا يعمل {time}",
        "لماذا يطلب {topic} {thing}؟",
        "هل يمكنني تغيير {thing} عبر {channel}؟",
        "{topic} يتعطل عند استخدام {channel}",
        "هل توجد رسوم على {thing} في {topic}؟",
        "أين أجد {thing} الخاص بـ{topic}؟",
    ],
}

SENTENCES = {
    "en": [
        "I tried {topic} through {channel} {time} and the {thing} did not arrive.",
        "My account number ends in {number} and the {thing} shows an error.",
        "The agent on {channel} told me to wait, but nothing changed.",
        "Has anyone else had trouble with the {thing} on {topic}?",
        "I restarted my phone and checked the {thing} twice.",
        "Open {channel}, go to Settings, then choose {topic} and check the {thing}.",
        "This usually happens when the {thing} has expired; request a new one.",
        "If it still fails, contact us through {channel} with reference {number}.",
        "The same thing happened to me {time}; clearing the cache fixed it.",
        "Our team confirmed a short outage affecting {topic} {time}.",
        "You can also check the status page before calling about the {thing}.",
        "Make sure the {thing} matches what is printed on your contract.",
        "Waiting times on {channel} are shorter in the morning.",
        "After the update the {thing} appears under {topic} in the menu.",
    ],
    "ar": [
        "جربت {topic} عبر {channel} {time} ولم يصلني {thing}.",
        "رقم حسابي ينتهي بـ{number} ويظهر خطأ في {thing}.",
        "طلب مني الموظف في {channel} الانتظار لكن لم يتغير شيء.",
        "هل واجه أحد مشكلة في {thing} مع {topic}؟",
        "أعدت تشغيل الهاتف وتحققت من {thing} مرتين.",
        "افتح {channel} ثم الإعدادات ثم اختر {topic} وتحقق من {thing}.",
        "يحدث هذا عادة عند انتهاء صلاحية {thing}، اطلب واحدًا جديدًا.",
        "إذا استمرت المشكلة تواصل معنا عبر {channel} مع الرقم المرجعي {number}.",
        "حدث معي الشيء نفسه {time} وحلّ مسح الذاكرة المؤقتة المشكلة.",
        "أكد فريقنا انقطاعًا قصيرًا أثر على {topic} {time}.",
        "يمكنك أيضًا مراجعة صفحة حالة الخدمة قبل الاتصال بخصوص {thing}.",
        "تأكد أن {thing} يطابق ما هو مطبوع في عقدك.",
        "أوقات الانتظار في {channel} أقصر في الصباح.",
        "بعد التحديث يظهر {thing} تحت {topic} في القائمة.",
    ],
}

FIRST_NAMES = {
    "en": ["James", "Daniel", "Sarah", "Emily", "Michael", "Grace", "Tom", "Lucy", "Adam", "Nina"],
    "ar": ["ليلى", "فاطمة", "عمر", "سامي", "نورة", "أحمد", "مريم", "خالد", "هدى", "يوسف"],
}
LAST_NAMES = {
    "en": ["Smith", "Brown", "Clark", "Hughes", "Patel", "Wright", "Reed", "Young"],
    "ar": ["العلي", "الحسن", "القحطاني", "الزهراني", "المصري", "الشامي", "الخطيب", "النجار"],
}
