"""allauth messages whose Arabic we word ourselves.

Nothing imports this module: it only shows `makemessages` these allauth message ids, so the
website catalogue (which Django consults before allauth's) carries our Arabic for them. allauth's
own Arabic calls sign-up "الاشتراك" (a subscription) and has typos ("لم ترى", "في غضو").
"""

from django.utils.translation import gettext_noop

ACCOUNT_WORDING = [
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the "
        "signup process. If you do not see the verification email in your main inbox, check your "
        "spam folder. Please contact us if you do not receive the verification email within a "
        "few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside that "
        "email. If you do not see the verification email in your main inbox, check your spam "
        "folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    gettext_noop(
        "We have sent you an e-mail. Please contact us if you do not receive it within a few "
        "minutes."
    ),
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an account "
        "with email %(email)s. However, we do not have any record of such an account in our "
        "database."
    ),
]
