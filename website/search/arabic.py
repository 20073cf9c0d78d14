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
