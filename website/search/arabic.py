"""Arabic-aware text analysis shared by every backend and by both sides (indexing and query).

A query written one way must find text written another way, so the same steps run on the
stored text and on the visitor's words:

- ``normalise``: remove tashkeel (diacritics) and tatweel, unify alef forms (أ إ آ ٱ → ا),
  ى → ي, ة → ه, Arabic-Indic and Persian digits → ASCII, casefold Latin letters.
- ``light_stem``: a light Arabic stemmer (strip the common prefixes ال/وال/بال/كال/فال/لل and the
  suffixes ات/ون/ين/ها/ية/ه) that keeps at least three letters of the word.
- ``english_stem``: a small English suffix stripper (possessives, plurals, -ing, -ed), used by
  the database backends where the engine has no stemmer (SQLite) and by the highlighter.
"""

import re
import unicodedata
from functools import lru_cache

TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        TATWEEL: None,
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
WORD = re.compile(r"\w+", re.UNICODE)
ARABIC_LETTER = re.compile("[\u0621-\u064a]")

ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ها", "يه", "ه")

STOP_WORDS = frozenset(
    " ".join(
        [
            "a an and are as at be by can do does for from how i if in is it my of on or our so",
            "that the their there this to was what when where which who why will with you your",
            "me we",
            "في من على الى الي عن ما ماذا كيف هل او و ثم مع هذا هذه ذلك التي الذي انا انت نحن",
            "هو هي لا لم لن قد كان ان اذا عند كل بعد قبل",
            # Words of a question that name no subject ("I want", "can I", "to you")
            "اريد نريد اود يمكن يمكنني استطيع لكم معكم لي لك انا عندي",
        ]
    ).split()
)


def normalise(text: str) -> str:
    """The canonical form of `text` for matching (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = TASHKEEL.sub("", text)
    return text.translate(LETTER_MAP).casefold()


def is_arabic(word: str) -> bool:
    return bool(ARABIC_LETTER.search(word))


def light_stem(word: str) -> str:
    """Strip one common Arabic prefix and one common suffix, keeping at least three letters."""
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word


def english_stem(word: str) -> str:
    """A deliberately small English stemmer: possessives, plurals, -ing and -ed."""
    if word.endswith("'s") or word.endswith("’s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    return word


def stem(word: str) -> str:
    """The stem of one normalised word, by the script it is written in."""
    return light_stem(word) if is_arabic(word) else english_stem(word)


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    return WORD.findall(normalise(text))


def analyse(text: str) -> str:
    """Normalised, stemmed text for the database index (stop words kept, for phrase context)."""
    return " ".join(stem(word) for word in words(text))


def query_terms(text: str) -> list[str]:
    """The distinct normalised words of a query, without stop words (unless that leaves none)."""
    all_words = list(dict.fromkeys(words(text)))
    meaningful = [word for word in all_words if word not in STOP_WORDS]
    return meaningful or all_words


# Arabic roots ----------------------------------------------------------------------------------
# A customer writes the verb (أشتكي "I complain", يتصل "he calls") where the article has the noun
# (شكوى "complaint", الاتصال "calling"): the light stemmer leaves them apart, their root (ش ك و,
# و ص ل) brings them together. `root` strips the clitics and inflections of a word and matches what
# is left against the common patterns of derived verbs and nouns, written with ف ع ل for the root
# letters (after `normalise`: ة → ه, ى → ي, أ/إ/آ → ا). Roots are a second, weaker signal next to
# the stems (see docs/search.md), so a rare wrong guess costs little.
ROOT_PATTERNS = {
    7: ("استفعال", "مستفعلي"),
    6: (
        "استفعل",
        "مستفعل",
        "افتعال",
        "انفعال",
        "مفاعيل",
        "فواعيل",
        "يستفعل",
        "تستفعل",
        "نستفعل",
        "متفاعل",
        "يتفاعل",
        "اتفاعل",
        "نتفاعل",
        "تتفاعل",
        "تفاعيل",
    ),
    5: (
        "افتعل",
        "انفعل",
        "تفاعل",
        "مفعول",
        "مفاعل",
        "تفعيل",
        "افعال",
        "فعالي",
        "فعايل",
        "مفتعل",
        "منفعل",
        "يفتعل",
        "تفتعل",
        "نفتعل",
        "ينفعل",
        "تنفعل",
        "يتفعل",
        "اتفعل",
        "تتفعل",
        "نتفعل",
        "متفعل",
        "فاعول",
        "فواعل",
        "مفعال",
        "اتعال",
        "يتعال",
        "فعاله",
        "فعلان",
    ),
    4: (
        "فاعل",
        "فعال",
        "فعول",
        "فعيل",
        "مفعل",
        "افعل",
        "تفعل",
        "يفعل",
        "نفعل",
        "فعلي",
        "اتعل",
        "يتعل",
        "متعل",
    ),
}
# Clitics and inflections around a pattern: conjunctions, prepositions, the article, the future
# prefix; object pronouns, plural and dual endings, perfect-tense person endings.
ROOT_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "وس", "و", "ف", "ب", "ل", "ك", "س")
ROOT_SUFFIXES = (
    "تموها",
    "كما",
    "هما",
    "ات",
    "ون",
    "ين",
    "ان",
    "وا",
    "تم",
    "تن",
    "نا",
    "ها",
    "هم",
    "هن",
    "كم",
    "كن",
    "ني",
    "ه",
    "ك",
    "ت",
    "ي",
)
WEAK_LETTERS = "واي"
ROOT_WORD_LIMIT = 15  # longer "words" (a pasted token) have no root worth guessing


def _pattern_roots(stem: str) -> list[str]:
    """The root letters of every pattern that `stem` fits (a stem can fit two: اتصل is افعل of
    ت ص ل or, with the first root letter و merged into the ت, اتّصل of و ص ل)."""
    found = []
    for pattern in ROOT_PATTERNS.get(len(stem), ()):
        letters = []
        for pattern_letter, letter in zip(pattern, stem, strict=True):
            if pattern_letter in "فعل":
                letters.append(letter)
            elif pattern_letter != letter:
                break
        else:
            if "ف" not in pattern:
                letters.insert(0, "و")
            found.append("".join(letters))
    return found


@lru_cache(maxsize=65536)
def word_roots(word: str) -> tuple[str, ...]:
    """The root (rarely two candidate roots) of one normalised Arabic word: three letters, the
    second and third written ي when weak (و ي ا), so شكا، يشكو، شكوى and اشتكى share one.
    Empty for words that are too short, too long or not Arabic."""
    if not (3 <= len(word) <= ROOT_WORD_LIMIT) or not is_arabic(word):
        return ()
    candidates = set()
    for prefix in ("", *ROOT_PREFIXES):
        if not word.startswith(prefix):
            continue
        for suffix in ("", *ROOT_SUFFIXES):
            if word.endswith(suffix) and len(word) - len(prefix) - len(suffix) >= 3:
                candidates.add(word[len(prefix) : len(word) - len(suffix)])
    found = []
    for candidate in sorted(candidates, key=lambda c: (-len(c), c)):
        found = _pattern_roots(candidate) if len(candidate) > 3 else [candidate]
        if found:
            break
    if not found:
        found = [min(candidates, key=lambda c: (len(c), c))]
    weak = [
        r[0] + "".join("ي" if letter in WEAK_LETTERS else letter for letter in r[1:]) for r in found
    ]
    return tuple(dict.fromkeys(weak))


def roots(text: str) -> list[str]:
    """The distinct roots of the Arabic words of `text` (stop words left out), in order."""
    return list(
        dict.fromkeys(r for word in words(text) if word not in STOP_WORDS for r in word_roots(word))
    )
