# ruff: noqa: E501
"""The demo help center of Sahla Telecom: categories and articles in Arabic and English.

Each entry holds both languages; `kb.demo` turns them into pages linked as translations.
"""


def p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def steps(*items):
    return {"type": "steps", "value": {"steps": [{"title": item, "detail": ""} for item in items]}}


def callout(kind, text):
    return {"type": "callout", "value": {"kind": kind, "text": f"<p>{text}</p>"}}


def code(text):
    return {"type": "code", "value": {"language": "", "code": text}}


def faq(title, *pairs):
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    }


# The introduction under each knowledge base's title, also its meta description.
INDEX_INTROS = {
    "en": "Step-by-step guides from the Sahla Telecom support team: how to reach us, "
    "what you can do yourself, how fast we answer and how we listen.",
    "ar": "أدلّة خطوة بخطوة من فريق الدعم في سهلة للاتصالات: طرق التواصل معنا، وما تنجزه "
    "بنفسك، ومتى نردّ عليك، وكيف نستمع إليك.",
}

PRODUCTS = [
    # (name_en, name_ar, version, retired)
    ("Sahla app", "تطبيق سهلة", "5", False),
    ("Sahla Home Fiber", "سهلة فايبر المنزلي", "2025", False),
    ("Sahla Router", "راوتر سهلة", "X1", True),
]

# Each Arabic article carries the Arabic of its English tags: tags are words readers search and
# filter by, in the language of the page.
ARABIC_TAGS = {
    "phone": "الهاتف",
    "ivr": "الرد الآلي",
    "chat": "المحادثة",
    "email": "البريد الإلكتروني",
    "social media": "وسائل التواصل",
    "portal": "البوابة",
    "account": "الحساب",
    "sms": "الرسائل النصية",
    "balance": "الرصيد",
    "community": "المجتمع",
    "response times": "أوقات الرد",
    "tickets": "التذاكر",
    "escalation": "التصعيد",
    "on-site": "الزيارة الميدانية",
    "fiber": "الألياف",
    "survey": "الاستبيان",
    "complaint": "الشكاوى",
    "video": "الفيديو",
    "accessibility": "سهولة الوصول",
}

CATEGORIES = [
    {
        "slug": "contact-channels",
        "icon": "phone",
        "en": (
            "Contact channels",
            "Phone, live chat, email, social media and SMS: pick the way that suits you.",
        ),
        "ar": (
            "قنوات التواصل",
            "الهاتف والمحادثة المباشرة والبريد الإلكتروني ووسائل التواصل والرسائل النصية: اختر ما يناسبك.",
        ),
        "articles": [
            {
                "slug": "call-support",
                "owner": "omar",
                "product": None,
                "tags": ["phone", "ivr"],
                "en": {
                    "title": "Call our support line",
                    "summary": "Reach a Sahla agent by phone on 800 123 4567 and use the voice menu to get to the right team quickly.",
                    "body": [
                        p(
                            "Our support line is open every day from 8 am to midnight. Calls are free from any Sahla line and from landlines."
                        ),
                        h("Before you call"),
                        steps(
                            "Have your account number or the phone number on the account ready.",
                            "Write down what you already tried.",
                            "Call from a quiet place so the agent can hear you.",
                        ),
                        h("Using the voice menu"),
                        p(
                            "The voice menu (IVR) sends you to the right team. Press 1 for billing, 2 for mobile internet, 3 for home fiber and 0 to talk to an agent."
                        ),
                        callout(
                            "tip", "Calls between 8 and 10 am have the shortest waiting times."
                        ),
                        faq(
                            "Frequently asked questions",
                            (
                                "Is the call free?",
                                "Yes, from any Sahla mobile line and from landlines in the country.",
                            ),
                            (
                                "Can I call from abroad?",
                                "Yes, dial +966 11 800 1234. International call charges from your roaming provider apply.",
                            ),
                        ),
                    ],
                },
                "ar": {
                    "title": "الاتصال بخط الدعم",
                    "summary": "تواصل مع موظف سهلة عبر الرقم 800 123 4567 واستخدم القائمة الصوتية للوصول إلى الفريق المناسب بسرعة.",
                    "body": [
                        p(
                            "خط الدعم متاح يوميًا من الثامنة صباحًا حتى منتصف الليل، والاتصال مجاني من أي خط سهلة ومن الهواتف الثابتة."
                        ),
                        h("قبل أن تتصل"),
                        steps(
                            "جهّز رقم حسابك أو رقم الهاتف المسجّل في الحساب.",
                            "دوّن الخطوات التي جرّبتها من قبل.",
                            "اتصل من مكان هادئ ليتمكن الموظف من سماعك بوضوح.",
                        ),
                        h("استخدام القائمة الصوتية"),
                        p(
                            "توجّهك القائمة الصوتية إلى الفريق المختص: اضغط 1 للفواتير، و2 لإنترنت الجوال، و3 للألياف المنزلية، و0 للتحدث مع موظف."
                        ),
                        callout("tip", "أقصر أوقات الانتظار تكون بين الثامنة والعاشرة صباحًا."),
                        faq(
                            "أسئلة شائعة",
                            (
                                "هل الاتصال مجاني؟",
                                "نعم، من أي خط جوال من سهلة ومن الهواتف الثابتة داخل المملكة.",
                            ),
                            (
                                "هل يمكنني الاتصال من خارج البلد؟",
                                "نعم، اطلب الرقم ‎+966 11 800 1234‎، وتُطبَّق رسوم التجوال الدولية من مزوّدك.",
                            ),
                        ),
                    ],
                },
            },
            {
                "slug": "live-chat",
                "owner": "noura",
                "product": "Sahla app",
                "tags": ["chat"],
                "en": {
                    "title": "Chat with an agent live",
                    "summary": "Start a live chat from the Sahla app or the website and get an answer in a few minutes, with a transcript by email.",
                    "body": [
                        p(
                            "Live chat is the fastest written channel: most chats are answered within three minutes."
                        ),
                        h("Start a chat"),
                        steps(
                            "Open the Sahla app or sign in on sahla.example.",
                            "Tap Help, then Chat with us.",
                            "Describe your problem in one or two sentences.",
                        ),
                        callout(
                            "note",
                            "If the chat is idle for ten minutes it closes, but the agent can still reply to you by email.",
                        ),
                        h("Keep a copy"),
                        p(
                            "At the end of the chat, choose Email me the transcript to receive the whole conversation."
                        ),
                    ],
                },
                "ar": {
                    "title": "المحادثة المباشرة مع موظف",
                    "summary": "ابدأ محادثة مباشرة من تطبيق سهلة أو من الموقع واحصل على إجابة خلال دقائق، مع نسخة من المحادثة على بريدك.",
                    "body": [
                        p(
                            "المحادثة المباشرة هي أسرع قناة كتابية، إذ يُرَدّ على معظم المحادثات خلال ثلاث دقائق."
                        ),
                        h("بدء محادثة"),
                        steps(
                            "افتح تطبيق سهلة أو سجّل الدخول في موقع sahla.example.",
                            "اضغط «مساعدة» ثم «تحدّث معنا».",
                            "صِف مشكلتك في جملة أو جملتين.",
                        ),
                        callout(
                            "note",
                            "إذا بقيت المحادثة دون نشاط عشر دقائق فإنها تُغلق، ويمكن للموظف أن يرد عليك بالبريد الإلكتروني.",
                        ),
                        h("احتفظ بنسخة"),
                        p(
                            "في نهاية المحادثة اختر «أرسل لي نص المحادثة» لتصلك المحادثة كاملة على بريدك."
                        ),
                    ],
                },
            },
            {
                "slug": "email-and-social-media",
                "owner": "omar",
                "product": None,
                "tags": ["email", "social media"],
                "en": {
                    "title": "Write to us by email or on social media",
                    "summary": "Email support@sahla.example or message our official accounts; never share your password or full card number.",
                    "body": [
                        p(
                            "Email is best for requests with attachments such as photos of a bill or a contract. We reply within one working day."
                        ),
                        p(
                            "On social media, send us a private message rather than a public post so we can check your account safely."
                        ),
                        callout(
                            "warning",
                            "Sahla staff will never ask for your password or your one-time code, on any channel.",
                        ),
                        faq(
                            "Frequently asked questions",
                            (
                                "Which accounts are official?",
                                "Only accounts with the verified badge and the handle @SahlaCare.",
                            ),
                            (
                                "Can I attach files to an email?",
                                "Yes, up to 10 MB in total, as PDF, JPG or PNG.",
                            ),
                        ),
                    ],
                },
                "ar": {
                    "title": "راسلنا بالبريد الإلكتروني أو عبر وسائل التواصل",
                    "summary": "راسل support@sahla.example أو حساباتنا الرسمية، ولا تشارك كلمة المرور أو رقم بطاقتك كاملًا أبدًا.",
                    "body": [
                        p(
                            "البريد الإلكتروني هو الأنسب للطلبات التي تحتاج إلى مرفقات مثل صورة فاتورة أو عقد، ونرد خلال يوم عمل واحد."
                        ),
                        p(
                            "على وسائل التواصل الاجتماعي أرسل لنا رسالة خاصة بدلًا من منشور عام حتى نتحقق من حسابك بأمان."
                        ),
                        callout(
                            "warning",
                            "لن يطلب منك موظفو سهلة كلمة المرور أو رمز التحقق المؤقت عبر أي قناة.",
                        ),
                        faq(
                            "أسئلة شائعة",
                            (
                                "ما الحسابات الرسمية؟",
                                "الحسابات التي تحمل علامة التوثيق واسم المستخدم ‎@SahlaCare‎ فقط.",
                            ),
                            (
                                "هل يمكنني إرفاق ملفات بالبريد؟",
                                "نعم، حتى 10 ميغابايت إجمالًا بصيغة PDF أو JPG أو PNG.",
                            ),
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": "self-service",
        "icon": "account",
        "en": (
            "Self-service",
            "Solve common requests yourself, any time, without waiting for an agent.",
        ),
        "ar": ("الخدمة الذاتية", "أنجز الطلبات الشائعة بنفسك في أي وقت دون انتظار موظف."),
        "articles": [
            {
                "slug": "self-service-portal",
                "owner": "noura",
                "product": "Sahla app",
                "tags": ["portal", "account"],
                "en": {
                    "title": "Use the self-service portal",
                    "summary": "View bills, change your plan and reset your password in the My Sahla portal, open around the clock.",
                    "body": [
                        p(
                            "My Sahla is open 24 hours a day. Most requests take less than two minutes there."
                        ),
                        h("Reset your password"),
                        steps(
                            "Go to sahla.example/my and choose Forgot password.",
                            "Enter the phone number on your account.",
                            "Type the code we send by SMS and choose a new password.",
                        ),
                        h("What else you can do"),
                        p(
                            "Download past bills, set up automatic payment, change your plan and see your data usage."
                        ),
                        callout(
                            "tip",
                            "Add the portal to your phone's home screen to open it like an app.",
                        ),
                    ],
                },
                "ar": {
                    "title": "استخدام بوابة الخدمة الذاتية",
                    "summary": "اطّلع على فواتيرك وغيّر باقتك وأعد تعيين كلمة المرور في بوابة «سهلة لي» المتاحة على مدار الساعة.",
                    "body": [
                        p(
                            "بوابة «سهلة لي» متاحة على مدار الساعة، وتُنجَز فيها معظم الطلبات في أقل من دقيقتين."
                        ),
                        h("إعادة تعيين كلمة المرور"),
                        steps(
                            "ادخل إلى sahla.example/my واختر «نسيت كلمة المرور».",
                            "أدخل رقم الهاتف المسجّل في حسابك.",
                            "اكتب الرمز الذي نرسله برسالة نصية ثم اختر كلمة مرور جديدة.",
                        ),
                        h("ما يمكنك فعله أيضًا"),
                        p(
                            "تنزيل الفواتير السابقة، وتفعيل الدفع التلقائي، وتغيير الباقة، ومتابعة استهلاك البيانات."
                        ),
                        callout(
                            "tip", "أضف البوابة إلى الشاشة الرئيسية لهاتفك لتفتحها كأنها تطبيق."
                        ),
                    ],
                },
            },
            {
                "slug": "balance-by-sms",
                "owner": "omar",
                "product": None,
                "tags": ["sms", "balance"],
                "en": {
                    "title": "Check your balance by SMS or USSD code",
                    "summary": "Dial a short code or send a text to see your balance and remaining data, even without internet.",
                    "body": [
                        p(
                            "These codes work on every Sahla prepaid and postpaid line, at no charge."
                        ),
                        code("*123#    balance\n*123*2# remaining data\n*123*3# current plan"),
                        p("Prefer a text message? Send BAL to 1234 and we reply within a minute."),
                        faq(
                            "Frequently asked questions",
                            (
                                "Do the codes work abroad?",
                                "Yes, while roaming the codes are free as well.",
                            ),
                            (
                                "Why do I get no reply?",
                                "Restart your phone and try again; if it still fails, call 800 123 4567.",
                            ),
                        ),
                    ],
                },
                "ar": {
                    "title": "معرفة الرصيد برسالة نصية أو برمز مختصر",
                    "summary": "اطلب رمزًا مختصرًا أو أرسل رسالة لتعرف رصيدك وما تبقّى من البيانات، حتى دون اتصال بالإنترنت.",
                    "body": [
                        p(
                            "تعمل هذه الرموز على جميع خطوط سهلة مسبقة الدفع وآجلة الدفع، ودون أي رسوم."
                        ),
                        code("*123#    الرصيد\n*123*2# البيانات المتبقية\n*123*3# الباقة الحالية"),
                        p("تفضّل الرسائل النصية؟ أرسل كلمة BAL إلى الرقم 1234 وسنرد خلال دقيقة."),
                        faq(
                            "أسئلة شائعة",
                            (
                                "هل تعمل الرموز خارج البلد؟",
                                "نعم، والرموز مجانية أثناء التجوال أيضًا.",
                            ),
                            (
                                "لماذا لا يصلني رد؟",
                                "أعد تشغيل هاتفك وحاول مرة أخرى، وإن استمرت المشكلة فاتصل بالرقم 800 123 4567.",
                            ),
                        ),
                    ],
                },
            },
            {
                "slug": "community-forums",
                "owner": "noura",
                "product": None,
                "tags": ["community"],
                "en": {
                    "title": "Get answers from the community",
                    "summary": "Ask other Sahla customers and our staff in the community; good answers are turned into articles.",
                    "body": [
                        p(
                            "In the community, customers help each other and Sahla staff join in every day."
                        ),
                        steps(
                            "Search first: your question may already have an answer.",
                            "Give your question a clear title.",
                            "Say which device and plan you use, but never post personal data.",
                        ),
                        callout(
                            "note",
                            "When an answer solves your problem, mark it as accepted so others find it faster.",
                        ),
                    ],
                },
                "ar": {
                    "title": "احصل على إجابات من المجتمع",
                    "summary": "اسأل عملاء سهلة الآخرين وموظفينا في المجتمع، وتتحول الإجابات الجيدة إلى مقالات.",
                    "body": [
                        p("في المجتمع يساعد العملاء بعضهم بعضًا، ويشارك موظفو سهلة كل يوم."),
                        steps(
                            "ابحث أولًا، فقد يكون لسؤالك إجابة سابقة.",
                            "اكتب عنوانًا واضحًا لسؤالك.",
                            "اذكر جهازك وباقتك، ولا تنشر بياناتك الشخصية أبدًا.",
                        ),
                        callout(
                            "note",
                            "عندما تحل إجابةٌ مشكلتك، اعتمدها لتساعد غيرك على الوصول إليها أسرع.",
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": "response-times",
        "icon": "chat",
        "en": (
            "Response times and visits",
            "How quickly we answer on each channel, and how to follow up or book a technician.",
        ),
        "ar": (
            "أوقات الاستجابة والزيارات",
            "مدى سرعة ردّنا على كل قناة، وكيف تتابع طلبك أو تحجز زيارة فني.",
        ),
        "articles": [
            {
                "slug": "how-fast-we-answer",
                "owner": "omar",
                "product": None,
                "tags": ["response times"],
                "en": {
                    "title": "How fast we answer on each channel",
                    "summary": "Our target response times: phone within 5 minutes, live chat within 3, email within one working day.",
                    "body": [
                        p("These are targets we meet for at least nine requests in ten."),
                        steps(
                            "Live chat: first reply within 3 minutes.",
                            "Phone: an agent within 5 minutes.",
                            "Social media messages: within 2 hours.",
                            "Email: within 1 working day.",
                            "Community questions: a staff look within 2 working days.",
                        ),
                        callout(
                            "tip",
                            "For an outage affecting your whole area, check the service status page first: we update it every 30 minutes.",
                        ),
                        faq(
                            "Frequently asked questions",
                            (
                                "What counts as a working day?",
                                "Sunday to Thursday, excluding public holidays.",
                            ),
                            (
                                "What if you miss the target?",
                                "Reply to your request and it moves to the top of the queue.",
                            ),
                        ),
                    ],
                },
                "ar": {
                    "title": "سرعة ردّنا على كل قناة",
                    "summary": "أهدافنا للاستجابة: الهاتف خلال 5 دقائق، والمحادثة المباشرة خلال 3 دقائق، والبريد خلال يوم عمل واحد.",
                    "body": [
                        p("هذه أهداف نحققها في تسعة طلبات من كل عشرة على الأقل."),
                        steps(
                            "المحادثة المباشرة: أول رد خلال 3 دقائق.",
                            "الهاتف: موظف خلال 5 دقائق.",
                            "رسائل وسائل التواصل: خلال ساعتين.",
                            "البريد الإلكتروني: خلال يوم عمل واحد.",
                            "أسئلة المجتمع: مراجعة من موظف خلال يومي عمل.",
                        ),
                        callout(
                            "tip",
                            "عند انقطاع الخدمة عن منطقتك كلها، راجع صفحة حالة الخدمة أولًا، فنحن نحدّثها كل 30 دقيقة.",
                        ),
                        faq(
                            "أسئلة شائعة",
                            (
                                "ما المقصود بيوم العمل؟",
                                "من الأحد إلى الخميس، باستثناء العطل الرسمية.",
                            ),
                            (
                                "ماذا لو تجاوزتم الهدف؟",
                                "رُدّ على طلبك لينتقل إلى أول قائمة الانتظار.",
                            ),
                        ),
                    ],
                },
            },
            {
                "slug": "track-a-request",
                "owner": "noura",
                "product": "Sahla app",
                "tags": ["tickets", "escalation"],
                "en": {
                    "title": "Track or escalate an open request",
                    "summary": "Follow your request with its reference number, and ask for escalation if it is overdue.",
                    "body": [
                        p("Every request gets a reference such as SR-482913, sent to you by SMS."),
                        steps(
                            "Open Help, then My requests, in the Sahla app.",
                            "Choose the request to see its status and history.",
                            "If it is past its target time, tap Escalate.",
                        ),
                        callout(
                            "warning",
                            "Opening a new request for the same problem resets the queue; add a reply to the existing one instead.",
                        ),
                    ],
                },
                "ar": {
                    "title": "متابعة طلب مفتوح أو تصعيده",
                    "summary": "تابع طلبك برقمه المرجعي، واطلب تصعيده إذا تأخر عن موعده.",
                    "body": [
                        p("يحصل كل طلب على رقم مرجعي مثل SR-482913 يصلك برسالة نصية."),
                        steps(
                            "افتح «مساعدة» ثم «طلباتي» في تطبيق سهلة.",
                            "اختر الطلب لترى حالته وسجلّه.",
                            "إذا تجاوز الوقت المستهدف فاضغط «تصعيد».",
                        ),
                        callout(
                            "warning",
                            "فتح طلب جديد للمشكلة نفسها يعيدك إلى آخر قائمة الانتظار، فأضف ردًا على الطلب القائم بدلًا من ذلك.",
                        ),
                    ],
                },
            },
            {
                "slug": "technician-visit",
                "owner": "omar",
                "product": "Sahla Home Fiber",
                "tags": ["on-site", "fiber"],
                "en": {
                    "title": "Book an on-site technician visit",
                    "summary": "When remote help is not enough, book a free two-hour visit slot for your home fiber connection.",
                    "body": [
                        p(
                            "Our agents first try to fix the problem remotely. If that fails, they offer you a visit."
                        ),
                        steps(
                            "Choose a two-hour slot in the app or with the agent.",
                            "Make sure someone aged 18 or over is at home.",
                            "The technician shows a Sahla ID card; ask for it.",
                        ),
                        callout(
                            "note",
                            "Visits for faults on our network are free. Moving the router inside your home is charged per the price list.",
                        ),
                        faq(
                            "Frequently asked questions",
                            (
                                "Can I change my slot?",
                                "Yes, up to 4 hours before the visit, from My requests.",
                            ),
                            (
                                "What if nobody is home?",
                                "The technician leaves a card and you can book a new slot.",
                            ),
                        ),
                    ],
                },
                "ar": {
                    "title": "حجز زيارة فني إلى منزلك",
                    "summary": "عندما لا تكفي المساعدة عن بُعد، احجز موعد زيارة مجانيًا مدته ساعتان لاتصال الألياف المنزلي.",
                    "body": [
                        p(
                            "يحاول موظفونا أولًا حل المشكلة عن بُعد، فإن تعذّر ذلك عرضوا عليك موعد زيارة."
                        ),
                        steps(
                            "اختر موعدًا مدته ساعتان من التطبيق أو مع الموظف.",
                            "تأكّد من وجود شخص بالغ في المنزل.",
                            "يُبرز الفني بطاقة تعريف من سهلة، فاطلب رؤيتها.",
                        ),
                        callout(
                            "note",
                            "الزيارات لأعطال شبكتنا مجانية، أما نقل الراوتر داخل المنزل فيُحتسب وفق قائمة الأسعار.",
                        ),
                        faq(
                            "أسئلة شائعة",
                            (
                                "هل يمكنني تغيير الموعد؟",
                                "نعم، قبل الزيارة بأربع ساعات على الأقل من «طلباتي».",
                            ),
                            (
                                "ماذا لو لم يكن أحد في المنزل؟",
                                "يترك الفني بطاقة، ويمكنك حجز موعد جديد.",
                            ),
                        ),
                    ],
                },
            },
        ],
    },
    {
        "slug": "feedback-and-quality",
        "icon": "star",
        "en": (
            "Feedback and quality",
            "Surveys, complaints and accessible support: how we listen and improve.",
        ),
        "ar": ("الملاحظات والجودة", "الاستبيانات والشكاوى والدعم الميسّر: كيف نستمع إليك ونتحسّن."),
        "articles": [
            {
                "slug": "satisfaction-surveys",
                "owner": "noura",
                "product": None,
                "tags": ["survey"],
                "en": {
                    "title": "Satisfaction surveys: what we ask and why",
                    "summary": "After a contact we may send a two-question survey; your answers shape agent coaching and our articles.",
                    "body": [
                        p(
                            "The survey arrives by SMS or email within an hour of your contact and takes under a minute."
                        ),
                        steps(
                            "Rate how satisfied you are from 1 to 5.",
                            "Tell us whether your problem was solved.",
                            "Optionally, add a comment in your own words.",
                        ),
                        callout(
                            "note",
                            "Surveys never ask for your password or payment details. If one does, it is not from us.",
                        ),
                    ],
                },
                "ar": {
                    "title": "استبيانات الرضا: ماذا نسأل ولماذا",
                    "summary": "بعد تواصلك معنا قد نرسل استبيانًا من سؤالين، وتوجّه إجاباتك تدريب الموظفين ومقالاتنا.",
                    "body": [
                        p(
                            "يصلك الاستبيان برسالة نصية أو بريد إلكتروني خلال ساعة من تواصلك، ولا يستغرق أكثر من دقيقة."
                        ),
                        steps(
                            "قيّم رضاك من 1 إلى 5.",
                            "أخبرنا هل حُلّت مشكلتك.",
                            "أضف تعليقًا بكلماتك إن أردت.",
                        ),
                        callout(
                            "note",
                            "لا تطلب استبياناتنا كلمة المرور أو بيانات الدفع أبدًا، وإن طلبها استبيان فهو ليس منّا.",
                        ),
                    ],
                },
            },
            {
                "slug": "make-a-complaint",
                "owner": "omar",
                "product": None,
                "tags": ["complaint"],
                "en": {
                    "title": "Make a formal complaint",
                    "summary": "If our answer did not resolve things, file a complaint; a specialist replies within five working days.",
                    "body": [
                        p(
                            "A complaint is reviewed by a team that was not involved in your original request."
                        ),
                        steps(
                            "Gather the reference numbers of your earlier requests.",
                            "Submit the complaint form in My Sahla, or call and say complaint.",
                            "You receive a complaint number and a named case handler.",
                        ),
                        faq(
                            "Frequently asked questions",
                            (
                                "What if I disagree with the outcome?",
                                "You can refer the complaint to the telecom regulator with your complaint number.",
                            ),
                            (
                                "Will a complaint affect my account?",
                                "No. Complaints never affect your service or your plan.",
                            ),
                        ),
                    ],
                },
                "ar": {
                    "title": "تقديم شكوى رسمية",
                    "summary": "إذا لم يحلّ ردّنا مشكلتك فقدّم شكوى، وسيرد عليك مختص خلال خمسة أيام عمل.",
                    "body": [
                        p("يراجع الشكوى فريقٌ لم يشارك في طلبك الأصلي."),
                        steps(
                            "اجمع الأرقام المرجعية لطلباتك السابقة.",
                            "قدّم نموذج الشكوى في «سهلة لي» أو اتصل بنا وقل «شكوى».",
                            "يصلك رقم للشكوى واسم الموظف المسؤول عنها.",
                        ),
                        faq(
                            "أسئلة شائعة",
                            (
                                "ماذا لو لم أوافق على النتيجة؟",
                                "يمكنك إحالة الشكوى إلى هيئة تنظيم الاتصالات مع ذكر رقم الشكوى.",
                            ),
                            (
                                "هل تؤثر الشكوى في حسابي؟",
                                "لا، فالشكاوى لا تؤثر أبدًا في خدمتك أو باقتك.",
                            ),
                        ),
                    ],
                },
            },
            {
                "slug": "video-support",
                "owner": "noura",
                "product": "Sahla app",
                "tags": ["video", "accessibility"],
                "en": {
                    "title": "Video support and sign language",
                    "summary": "Show an agent the problem over a video call, or ask for an agent who signs.",
                    "body": [
                        p(
                            "Video support helps when a problem is easier to show than to describe, such as the lights on a router."
                        ),
                        steps(
                            "In the Sahla app, open Help and choose Video call.",
                            "Allow camera access when your phone asks.",
                            "Choose Sign language if you would like an agent who signs.",
                        ),
                        callout("tip", "Video calls use mobile data; connect to Wi-Fi if you can."),
                    ],
                },
                "ar": {
                    "title": "الدعم بالفيديو ولغة الإشارة",
                    "summary": "اعرض المشكلة على موظف عبر مكالمة فيديو، أو اطلب موظفًا يتقن لغة الإشارة.",
                    "body": [
                        p(
                            "يفيد الدعم بالفيديو عندما يكون عرض المشكلة أسهل من وصفها، مثل أضواء الراوتر."
                        ),
                        steps(
                            "في تطبيق سهلة افتح «مساعدة» واختر «مكالمة فيديو».",
                            "اسمح بالوصول إلى الكاميرا عندما يطلب هاتفك ذلك.",
                            "اختر «لغة الإشارة» إن أردت موظفًا يتقنها.",
                        ),
                        callout(
                            "tip",
                            "تستهلك مكالمات الفيديو بيانات الجوال، فاتصل بشبكة Wi-Fi إن استطعت.",
                        ),
                    ],
                },
            },
        ],
    },
]

RELATED = {
    "call-support": ["how-fast-we-answer", "live-chat"],
    "live-chat": ["call-support", "track-a-request"],
    "track-a-request": ["make-a-complaint", "how-fast-we-answer"],
    "self-service-portal": ["balance-by-sms"],
    "make-a-complaint": ["satisfaction-surveys"],
    "video-support": ["technician-visit"],
}

# (voter key, article slug, helpful, reason, comment)
VOTES = [
    ("layla", "call-support", True, "", ""),
    ("james", "call-support", True, "", ""),
    ("fatima", "call-support", True, "", ""),
    ("daniel", "call-support", False, "not_solved", "I still waited 20 minutes in the evening."),
    ("layla", "balance-by-sms", True, "", ""),
    ("james", "balance-by-sms", True, "", ""),
    ("fatima", "self-service-portal", True, "", ""),
    (
        "daniel",
        "self-service-portal",
        False,
        "outdated",
        "The portal menu no longer has a Plans tab.",
    ),
    ("layla", "live-chat", True, "", ""),
    (
        "james",
        "technician-visit",
        False,
        "unclear",
        "Does the visit cost anything if the fault is in my flat?",
    ),
    ("fatima", "make-a-complaint", True, "", ""),
    ("daniel", "how-fast-we-answer", True, "", ""),
    ("layla", "email-and-social-media", False, "broken_link", ""),
]
