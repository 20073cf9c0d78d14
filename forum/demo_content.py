"""The words of the demo forum: Sahla Telecom customers and staff, in Arabic and English.

Each thread: who asks, the question, answers as (author, body, upvoters), comments as
(author, body, index of the answer or None for the question), and which answer was accepted.
"""

CATEGORIES = [
    ("support-channels", "قنوات الدعم", "Support channels"),
    ("self-service", "بوابة الخدمة الذاتية", "Self-service portal"),
    ("phone-ivr", "الهاتف والرد الصوتي", "Phone and IVR"),
    ("visits-video", "الزيارات ومكالمات الفيديو", "Visits and video support"),
    ("feedback", "الاستبيانات والشكاوى", "Surveys and complaints"),
    ("community", "منتدى المجتمع", "Community forum"),
]

THREADS = [
    # English ---------------------------------------------------------------------------------
    {
        "key": "en-live-chat-hours",
        "language": "en",
        "author": "daniel",
        "category": "support-channels",
        "tags": "live-chat opening-hours",
        "title": "What are the live chat opening hours?",
        "body": "I tried the live chat on the website late last night and only got a form "
        "to leave a message. When are agents actually online?",
        "voters": ["james", "layla"],
        "answers": [
            (
                "omar",
                "Live chat agents are online **every day from 08:00 to 22:00**.\n\n"
                "Outside those hours the chat assistant takes your message and an agent "
                "answers by email the next morning, usually before 10:00. For a service "
                "outage at night, call **800 123** instead: the technical line is open "
                "around the clock.",
                ["daniel", "james"],
            ),
            (
                "james",
                "For what it's worth, I used the chat on a Friday at 21:30 and got an agent "
                "in under three minutes.",
                ["daniel"],
            ),
        ],
        "comments": [
            ("daniel", "Thanks! Does that include public holidays?", 0),
            ("omar", "Yes, with shorter hours on holidays: 10:00 to 18:00.", 0),
        ],
        "accepted": 0,
    },
    {
        "key": "en-live-chat-late",
        "language": "en",
        "author": "james",
        "category": "support-channels",
        "tags": "live-chat",
        "title": "How can I reach a live chat agent late in the evening?",
        "body": "Is there any way to get a live chat agent after ten at night? The chat "
        "window only offers to take a message.",
    },
    {
        "key": "en-email-response",
        "language": "en",
        "author": "james",
        "category": "support-channels",
        "tags": "email response-time",
        "title": "How long does an email to support usually take to answer?",
        "body": "I sent a question about my contract to the support email address yesterday "
        "morning. Is there a target response time, and should I send it again?",
        "voters": ["daniel"],
        "answers": [
            (
                "omar",
                "Please don't send it again: a second email opens a second ticket and can "
                "slow things down.\n\n"
                "- We aim to answer **every email within 24 hours**.\n"
                "- Outage reports are answered within **4 working hours**.\n"
                "- You should have received an automatic acknowledgement with a ticket "
                "number. Reply to that email to add details; it stays in the same ticket.",
                ["james", "daniel"],
            ),
            (
                "daniel",
                "My last email on a weekday was answered in about six hours, for comparison.",
                [],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-ivr-person",
        "language": "en",
        "author": "daniel",
        "category": "phone-ivr",
        "tags": "ivr phone agent",
        "title": "How do I skip the phone menu and talk to a person?",
        "body": "Every time I call support, the voice menu sends me around in circles. "
        "Is there a shortcut to a human agent?",
        "voters": ["james"],
        "answers": [
            (
                "omar",
                "Call **800 123**, choose your language, then press **0** at the main menu "
                "to reach the general queue.\n\n"
                "Have your account number ready: the menu asks for it so that the call "
                "reaches the right team, and the agent sees your account before answering.",
                ["daniel", "james"],
            ),
        ],
        "comments": [
            ("james", "Pressing 0 twice also works inside the billing menu.", 0),
        ],
        "accepted": 0,
    },
    {
        "key": "en-sms-ticket",
        "language": "en",
        "author": "james",
        "category": "self-service",
        "tags": "sms notifications tickets",
        "title": "Can I get an SMS when my support ticket is updated?",
        "body": "I don't check my email often. Can ticket updates be sent to my phone by "
        "text message instead?",
        "answers": [
            (
                "omar",
                "Yes. In the self-service portal, open **Profile → Notifications** and turn on "
                "*Ticket updates by SMS*. Messages come from the sender name SAHLA and never "
                "contain a link asking for your password.",
                ["james"],
            ),
        ],
    },
    {
        "key": "en-portal-reset",
        "language": "en",
        "author": "daniel",
        "category": "self-service",
        "tags": "portal password",
        "title": "Self-service portal says my password reset link has expired",
        "body": "I requested a password reset for the self-service portal, but when I click "
        "the link in the email it says the link has expired. I clicked it within an hour.",
        "answers": [
            (
                "james",
                "Reset links are only valid for 30 minutes, and only the newest one works. "
                "Request a fresh link and open it in the same browser you requested it from.",
                ["daniel", "omar"],
            ),
            (
                "omar",
                "James is right. If a fresh link still fails, check that your phone or "
                "computer clock is set automatically: a wrong clock makes links look expired.",
                ["daniel"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-video-router",
        "language": "en",
        "author": "james",
        "category": "visits-video",
        "tags": "video-call router",
        "title": "Does Sahla offer video calls to help set up a new router?",
        "body": "My new fibre router arrived but I'm not confident connecting it. Can "
        "someone guide me over a video call rather than sending a technician?",
        "voters": ["daniel"],
        "answers": [
            (
                "omar",
                "Yes: book a video session in the portal under **Support → Book a video "
                "call**. A technician guides you using your phone camera. Sessions take "
                "about 20 minutes and are free for new connections.",
                ["james", "daniel"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-onsite-visit",
        "language": "en",
        "author": "daniel",
        "category": "visits-video",
        "tags": "technician on-site",
        "title": "How do I book an on-site technician visit?",
        "body": "The line in my flat has been dead for two days and remote tests found "
        "nothing. How do I get a technician to come to the building?",
        "answers": [
            (
                "omar",
                "An agent books visits after a remote test, so the quickest route is to call "
                "800 123 or open a chat and mention the earlier test. You then choose a "
                "two-hour slot; you get an SMS the evening before and when the technician "
                "is on the way. Visits for faults on our side are free.",
                ["daniel"],
            ),
        ],
        "comments": [
            ("daniel", "Booked for tomorrow morning, thank you.", 0),
        ],
        "accepted": 0,
    },
    {
        "key": "en-survey-why",
        "language": "en",
        "author": "james",
        "category": "feedback",
        "tags": "survey csat",
        "title": "Why do I get a satisfaction survey after every support call?",
        "body": "After each call I receive a text asking me to rate the agent from 1 to 5. "
        "Does anyone actually read these?",
        "answers": [
            (
                "omar",
                "They are read every week. The score goes to the team, not only the agent, "
                "and any rating of 1 or 2 is followed up by a supervisor within two working "
                "days. Comments you add are the most useful part.",
                ["james"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-survey-stop",
        "language": "en",
        "author": "daniel",
        "category": "feedback",
        "tags": "survey sms",
        "title": "Can I stop the satisfaction survey text messages?",
        "body": "I call support quite often for my small business lines and I'd rather not "
        "get a survey message after every call. Is there an opt-out?",
    },
    {
        "key": "en-social-safe",
        "language": "en",
        "author": "james",
        "category": "support-channels",
        "tags": "social-media security",
        "title": "Is it safe to send my account details to Sahla on social media?",
        "body": "Sahla replied to my public post and asked me to send a direct message. "
        "What details is it safe to share there?",
        "voters": ["daniel", "layla"],
        "answers": [
            (
                "omar",
                "Never post account numbers publicly. Our official accounts carry the "
                "verified badge and the handle **@SahlaTelecom**. In a direct message, send "
                "only your name and phone number: agents never ask for passwords or "
                "one-time codes.",
                ["james", "daniel"],
            ),
        ],
        "comments": [
            ("daniel", "Good to know. I had a message from a fake account last month.", 0),
        ],
        "accepted": 0,
    },
    {
        "key": "en-community-who",
        "language": "en",
        "author": "daniel",
        "category": "community",
        "tags": "community",
        "title": "Who answers questions in this community forum?",
        "body": "Are the answers here from Sahla staff or from other customers? How do I "
        "know an answer is official?",
        "answers": [
            (
                "omar",
                "Both. Customers answer each other, and the support team answers too: staff "
                "profiles say so under the name. When an answer solved the question, the "
                "asker marks it as accepted and it appears first.",
                ["daniel", "james"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-outage-north",
        "language": "en",
        "author": "daniel",
        "category": "support-channels",
        "tags": "outage fibre",
        "title": "Internet outage in the north district this afternoon",
        "body": "Fibre internet has been down in the north district since about 14:00. "
        "Is this a known outage and is there an estimate?",
        "answers": [
            (
                "omar",
                "Resolved: a fibre cable cut by roadworks was repaired at 18:40 and all "
                "connections are back. Affected customers receive a credit on their next "
                "bill automatically, with no need to contact us.",
                ["daniel", "james"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-callback",
        "language": "en",
        "author": "james",
        "category": "phone-ivr",
        "tags": "callback phone",
        "title": "Can support call me back instead of me waiting on hold?",
        "body": "Waiting times were over fifteen minutes yesterday evening. Is there a "
        "callback option so I don't have to stay on the line?",
        "answers": [
            (
                "omar",
                "When the expected wait is over five minutes, the phone menu offers a "
                "callback: press **2** and your place in the queue is kept. You can also ask "
                "for a callback at a set time in the portal under *Contact us*.",
                ["james"],
            ),
        ],
    },
    {
        "key": "en-accessibility",
        "language": "en",
        "author": "daniel",
        "category": "support-channels",
        "tags": "accessibility video-call",
        "title": "Is there a sign language or text option for support?",
        "body": "My father is deaf and wants to manage his own account. Can he reach "
        "support without a voice call?",
        "answers": [
            (
                "omar",
                "Yes. He can use live chat or send an SMS to **1010**, which reaches the same "
                "agents. On weekdays from 09:00 to 17:00 we also offer video calls with a "
                "sign language interpreter; book them in the portal.",
                ["daniel", "james"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "en-chat-transcript",
        "language": "en",
        "author": "james",
        "category": "support-channels",
        "tags": "live-chat",
        "title": "How do I get a copy of my live chat transcript?",
        "body": "An agent promised me a refund during a chat and I'd like a copy of the "
        "conversation for my records. Where can I find it?",
    },
    {
        "key": "en-portal-language",
        "language": "en",
        "author": "daniel",
        "category": "self-service",
        "tags": "portal language",
        "title": "How do I switch the self-service portal to English?",
        "body": "The portal opens in Arabic on my laptop. Where is the setting to change the "
        "language, and does it also change my emails?",
        "answers": [
            (
                "james",
                "There's a language link at the top of every page. To change emails and "
                "text messages too, set your preferred language under Profile → Settings.",
                ["daniel"],
            ),
        ],
        "accepted": 0,
    },
    # Arabic ----------------------------------------------------------------------------------
    {
        "key": "ar-phone-hours",
        "language": "ar",
        "author": "layla",
        "category": "phone-ivr",
        "tags": "هاتف ساعات-العمل",
        "title": "ما هي ساعات عمل خدمة العملاء عبر الهاتف؟",
        "body": "أحتاج إلى الاتصال بخدمة العملاء بخصوص فاتورتي، لكنني أعمل حتى المساء. "
        "هل يرد أحد بعد الساعة التاسعة ليلاً؟",
        "voters": ["fatima", "james"],
        "answers": [
            (
                "noura",
                "يعمل مركز الاتصال على الرقم **800 123** على مدار الساعة طوال أيام الأسبوع "
                "للأعطال الفنية. أما استفسارات الفواتير فيُرد عليها من الثامنة صباحاً حتى "
                "العاشرة مساءً، لذا يمكنك الاتصال بعد التاسعة دون مشكلة.",
                ["layla", "fatima"],
            ),
        ],
        "comments": [
            ("fatima", "هل المكالمة مجانية من خطوط سهلة؟", 0),
            ("noura", "نعم، مجانية من جميع خطوط سهلة ومن الخطوط الأرضية.", 0),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-whatsapp",
        "language": "ar",
        "author": "fatima",
        "category": "support-channels",
        "tags": "واتساب وسائل-التواصل",
        "title": "هل يمكنني التواصل مع الدعم عبر واتساب؟",
        "body": "أفضّل الكتابة على الاتصال الهاتفي. هل لدى سهلة للاتصالات رقم واتساب رسمي "
        "للدعم، وما المعلومات التي يمكنني إرسالها عليه؟",
        "voters": ["layla"],
        "answers": [
            (
                "noura",
                "نعم، رقم واتساب الرسمي هو **800 123** نفسه، ويظهر بجانبه شعار الحساب "
                "الموثّق. أرسل اسمك ورقم الخط فقط، ولن يطلب منك موظفونا أبداً كلمة المرور أو "
                "رمز التحقق.",
                ["fatima", "layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-email-attachment",
        "language": "ar",
        "author": "fatima",
        "category": "support-channels",
        "tags": "بريد-إلكتروني فواتير",
        "title": "كيف أرسل صورة الفاتورة مع رسالة الدعم عبر البريد الإلكتروني؟",
        "body": "طلب مني الموظف إرسال صورة الفاتورة بالبريد الإلكتروني، لكن رسالتي عادت "
        "إليّ مع إشعار خطأ. هل هناك حد لحجم المرفقات؟",
        "answers": [
            (
                "noura",
                "الحد الأقصى للمرفقات هو **10 ميغابايت** للرسالة الواحدة. صوّري الفاتورة بدقة "
                "متوسطة أو أرسليها بصيغة PDF، واكتبي رقم التذكرة في عنوان الرسالة حتى تُضاف "
                "إلى الطلب نفسه.",
                ["fatima"],
            ),
        ],
        "comments": [
            ("fatima", "نجح الإرسال بعد تصغير الصورة، شكراً لك.", 0),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-portal-register",
        "language": "ar",
        "author": "layla",
        "category": "self-service",
        "tags": "البوابة تسجيل",
        "title": "كيف أسجل في بوابة الخدمة الذاتية لأول مرة؟",
        "body": "اشتركت حديثاً في خدمة الإنترنت المنزلي وأريد متابعة فواتيري عبر البوابة، "
        "لكنني لا أعرف من أين أبدأ التسجيل.",
        "voters": ["fatima"],
        "answers": [
            (
                "noura",
                "خطوات التسجيل:\n\n"
                "1. افتحي البوابة واختاري **إنشاء حساب**.\n"
                "2. أدخلي رقم الحساب المطبوع على أول فاتورة ورقم الجوال المسجل.\n"
                "3. ستصلك رسالة قصيرة برمز تحقق صالح لعشر دقائق.\n"
                "4. اختاري كلمة مرور قوية، ويفضّل تفعيل التحقق بخطوتين من الإعدادات.",
                ["layla", "fatima"],
            ),
            (
                "fatima",
                "إذا لم تجدي رقم الحساب، تجدينه أيضاً في رسالة الترحيب التي وصلتك عند الاشتراك.",
                ["layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-portal-bills",
        "language": "ar",
        "author": "fatima",
        "category": "self-service",
        "tags": "البوابة فواتير",
        "title": "أين أجد فواتيري السابقة في بوابة الخدمة الذاتية؟",
        "body": "أحتاج إلى فواتير الأشهر الستة الماضية لتقديمها لجهة عملي، ولا أرى في "
        "البوابة إلا الفاتورة الحالية.",
        "answers": [
            (
                "layla",
                "من القائمة اختاري **الفواتير** ثم **السجل**، وستجدين فواتير آخر سنتين. "
                "يمكنك تنزيل كل فاتورة بصيغة PDF أو طلب كشف مجمّع يصلك بالبريد.",
                ["fatima", "noura"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-ivr-language",
        "language": "ar",
        "author": "layla",
        "category": "phone-ivr",
        "tags": "الرد-الصوتي لغة",
        "title": "كيف أغير لغة قائمة الرد الصوتي إلى العربية؟",
        "body": "عندما أتصل بخدمة العملاء تبدأ القائمة الصوتية بالإنجليزية دائماً. هل يمكن "
        "جعل العربية هي اللغة الافتراضية لرقمي؟",
        "answers": [
            (
                "noura",
                "تعتمد القائمة على اللغة المفضلة المسجلة في حسابك. غيّريها من البوابة في "
                "**الملف الشخصي ← الإعدادات**، أو اضغطي **1** في بداية أي مكالمة لاختيار "
                "العربية لتلك المكالمة.",
                ["layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-sms-code",
        "language": "ar",
        "author": "fatima",
        "category": "self-service",
        "tags": "رسائل-قصيرة رمز-التحقق",
        "title": "لم تصلني رسالة رمز التحقق عند تسجيل الدخول",
        "body": "أحاول الدخول إلى البوابة منذ الصباح ولا تصل الرسالة القصيرة التي تحمل رمز "
        "التحقق، مع أن الخط يستقبل الرسائل الأخرى.",
        "answers": [
            (
                "noura",
                "انتظري دقيقتين قبل طلب رمز جديد، فكل طلب جديد يلغي الرمز السابق. تأكدي أيضاً "
                "من أن الرسائل من المرسل SAHLA غير محظورة في هاتفك. إذا استمرت المشكلة، "
                "اختاري **استلام الرمز بمكالمة صوتية** من صفحة الدخول.",
                ["fatima"],
            ),
        ],
        "comments": [
            ("sami", "تذكير: لا تشاركي رمز التحقق مع أي شخص، حتى لو ادّعى أنه من الدعم.", None),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-survey-results",
        "language": "ar",
        "author": "layla",
        "category": "feedback",
        "tags": "استبيان رضا-العملاء",
        "title": "ماذا تفعل الشركة بنتائج استبيانات رضا العملاء؟",
        "body": "تصلني رسالة تقييم بعد كل محادثة مع الدعم. هل لهذه التقييمات أثر فعلي على الخدمة؟",
        "answers": [
            (
                "noura",
                "نراجع النتائج أسبوعياً مع كل فريق. يتابع مشرف كل تقييم بدرجة 1 أو 2 خلال "
                "يومي عمل، وقد غيّرنا بفضل تعليقاتكم ساعات الدردشة المباشرة وأضفنا خيار معاودة "
                "الاتصال في القائمة الصوتية.",
                ["layla", "fatima"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-complaint-time",
        "language": "ar",
        "author": "fatima",
        "category": "feedback",
        "tags": "شكوى زمن-الاستجابة",
        "title": "كم يستغرق الرد على الشكوى الرسمية؟",
        "body": "قدّمت شكوى رسمية بخصوص خصم غير صحيح من رصيدي. ما المدة المتوقعة للرد، "
        "وكيف أتابعها؟",
        "answers": [
            (
                "noura",
                "نرد على الشكاوى الرسمية خلال **يومي عمل**، ونحلّ أغلبها خلال خمسة أيام عمل. "
                "تابعيها برقم الشكوى في البوابة تحت **طلباتي**، وإذا تجاوزت المدة فاطلبي "
                "تصعيدها إلى مشرف.",
                ["fatima", "layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-technician-fee",
        "language": "ar",
        "author": "layla",
        "category": "visits-video",
        "tags": "زيارة-فني",
        "title": "هل زيارة الفني إلى المنزل مجانية؟",
        "body": "الإنترنت ينقطع عندي باستمرار، واقترح الموظف زيارة فني. هل سأدفع رسوماً "
        "مقابل الزيارة؟",
        "answers": [
            (
                "noura",
                "الزيارة مجانية إذا كان العطل من جهة الشبكة أو الجهاز المقدم من سهلة. تُحتسب "
                "رسوم فقط إذا كان العطل في توصيلات داخلية أضافها العميل، ويخبرك الفني بذلك "
                "قبل البدء بأي عمل.",
                ["layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-video-support",
        "language": "ar",
        "author": "fatima",
        "category": "visits-video",
        "tags": "مكالمة-فيديو",
        "title": "هل يمكنني حجز مكالمة فيديو مع الدعم الفني؟",
        "body": "لا أستطيع وصف مشكلة الراوتر بالكلمات. هل يمكن أن يرى الموظف الجهاز عبر "
        "مكالمة فيديو؟",
        "answers": [
            (
                "noura",
                "نعم، احجزي موعداً من البوابة في **الدعم ← حجز مكالمة فيديو**. تستغرق المكالمة "
                "نحو عشرين دقيقة، ويوجهك الفني عبر كاميرا الهاتف خطوة بخطوة.",
                ["fatima", "layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-community-rules",
        "language": "ar",
        "author": "layla",
        "category": "community",
        "tags": "المجتمع قواعد",
        "title": "ما هي قواعد المشاركة في منتدى المجتمع؟",
        "body": "أريد مساعدة العملاء الآخرين بالإجابة عن أسئلتهم. هل هناك قواعد يجب أن "
        "أعرفها قبل المشاركة؟",
        "voters": ["fatima"],
        "answers": [
            (
                "sami",
                "أهلاً بك! أهم القواعد:\n\n"
                "- لا تنشري أرقام الحسابات أو الهواتف أو أي بيانات شخصية.\n"
                "- أجيبي عن السؤال نفسه، واستخدمي التعليقات للاستيضاح.\n"
                "- احترمي الجميع؛ نخفي المشاركات المسيئة.\n"
                "- صوّتي للإجابات المفيدة، فهذا يساعد غيرك على إيجادها.",
                ["layla", "fatima"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-live-chat-hours",
        "language": "ar",
        "author": "layla",
        "category": "support-channels",
        "tags": "دردشة-مباشرة",
        "title": "متى تكون المحادثة المباشرة متاحة على الموقع؟",
        "body": "أفتح نافذة المحادثة أحياناً فلا أجد موظفاً متاحاً. ما هي أوقات عمل "
        "المحادثة المباشرة؟",
        "answers": [
            (
                "noura",
                "المحادثة المباشرة متاحة يومياً من **الثامنة صباحاً حتى العاشرة مساءً**. خارج "
                "هذه الأوقات يسجل المساعد الآلي رسالتك، ويرد عليك موظف بالبريد في الصباح.",
                ["layla"],
            ),
        ],
        "accepted": 0,
    },
    {
        "key": "ar-chat-disconnect",
        "language": "ar",
        "author": "fatima",
        "category": "support-channels",
        "tags": "دردشة-مباشرة",
        "title": "المحادثة المباشرة تنقطع قبل أن يرد الموظف",
        "body": "أنتظر في المحادثة المباشرة عدة دقائق ثم تنقطع الجلسة وأعود إلى أول الطابور. "
        "هل يحدث هذا لغيري؟",
        "answers": [
            (
                "layla",
                "حدث معي عندما انتقلت إلى تبويب آخر على الهاتف. أبقي نافذة المحادثة مفتوحة "
                "في المقدمة، أو استخدمي تطبيق سهلة بدلاً من المتصفح.",
                ["fatima"],
            ),
        ],
    },
    {
        "key": "ar-social-reply-time",
        "language": "ar",
        "author": "layla",
        "category": "support-channels",
        "tags": "وسائل-التواصل زمن-الاستجابة",
        "title": "كم يستغرق الرد على الرسائل في حسابات التواصل الاجتماعي؟",
        "body": "أرسلت رسالة خاصة إلى حساب سهلة على منصة إكس منذ ساعات ولم يصلني رد. ما "
        "المدة المعتادة؟",
    },
    {
        "key": "ar-store-visit",
        "language": "ar",
        "author": "fatima",
        "category": "visits-video",
        "tags": "فروع",
        "title": "هل أحتاج إلى موعد مسبق لزيارة أحد فروع سهلة؟",
        "body": "أريد استبدال شريحة الجوال بشريحة إلكترونية. هل يجب أن أحجز موعداً قبل زيارة "
        "الفرع، أم أذهب مباشرة؟",
    },
]

# Closed as duplicates: duplicate key → original key.
DUPLICATES = {"en-live-chat-late": "en-live-chat-hours"}

# Locked threads (kept readable, closed to everything new).
LOCKED = ["en-outage-north"]


# A member who joined today (demo key "newbie"): his posts go through moderation's screening.
NEWBIE_POSTS = {
    "question": {
        "title": "هل يمكنني نقل رقمي إلى سهلة دون انقطاع الخدمة؟",
        "body": "أريد الانتقال إلى سهلة للاتصالات مع الاحتفاظ برقمي الحالي. "
        "كم يستغرق نقل الرقم، وهل سينقطع الخط خلال تلك المدة؟",
        "language": "ar",
        "category": "support-channels",
        "tags": "نقل-الرقم",
    },
    "answer": {
        "thread": "en-portal-reset",
        "body": "I had the same problem. These pages helped me: "
        "https://example.com/reset-guide, https://example.org/portal-help and "
        "https://example.net/password-tips — try them before calling support.",
    },
    "comment": {
        "thread": "en-sms-ticket",
        "body": "Same here! Compare offers at http://deals.example.com and "
        "www.cheap-sms.example.com and http://promo.example.net before you wait.",
    },
}

# An established member losing their temper: the demo moderator flags it as abusive.
RUDE_COMMENT = {
    "author": "daniel",
    "thread": "en-callback",
    "body": "Nobody here knows anything. What a useless bunch, this forum is a joke.",
}
