"""Which language a text is in, cheaply: its script, then its share of common function words.

Only English texts get proposals; any other text is named (``uk``, ``ru``, ``fr``…) or called
``und`` (undetermined, ISO 639-2) and left alone, never guessed at.

>>> language_of("Russian drones struck a substation in Kharkiv overnight, the governor said.")
'en'
>>> language_of("Російські дрони атакували підстанцію в Харкові, повідомив губернатор.")
'uk'
>>> language_of("")
'und'
"""

from __future__ import annotations

import re
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORD = re.compile(r"[^\W\d_]+")
STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in a is that was for on it with as by at from said were has have had be "
        "are an this not which its but or their after who they been"
    ),
    "fr": _words("le la les des est et une dans pour que qui du au sur pas par avec"),
    "de": _words("der die und das ist nicht mit von den ein eine auf dem zu sich"),
    "es": _words("el los las que por una del con para es se al como más su"),
    "it": _words("il gli della che per una con sono non del alla dei nel"),
    "pt": _words("os das que por uma com para não dos ao em foi pelo"),
    "nl": _words("de het een van en niet zijn dat voor met ook op"),
    "tr": _words("ve bir bu da de ile için olarak çok daha"),
}
SCRIPTS = (
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("armenian", re.compile(r"[\u0530-\u058f]")),
    ("georgian", re.compile(r"[\u10a0-\u10ff]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")),
)
SCRIPT_LANGUAGE = {"arabic": "ar", "hebrew": "he", "armenian": "hy", "georgian": "ka"}
ENGLISH_SHARE = 0.12
SAMPLE = 20_000


def _cyrillic(text: str) -> str:
    if re.search(r"[іїєґІЇЄҐ]", text):
        return "uk"
    if re.search(r"[ђјљњћџЂЈЉЊЋЏ]", text):
        return "sr"
    if re.search(r"[ыэЫЭ]", text):
        return "ru"
    if len(re.findall(r"ъ", text)) > 2:
        return "bg"
    return "ru"  # Cyrillic without Ukrainian, Serbian or Bulgarian letters


def language_of(text: str) -> str:
    """ISO 639-1 code of the text's language (``und`` when it cannot tell)."""
    sample = text[:SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if letters < 20:
        return "und"
    for script, pattern in SCRIPTS:
        if len(pattern.findall(sample)) > 0.3 * letters:
            if script == "cyrillic":
                return _cyrillic(sample)
            return SCRIPT_LANGUAGE.get(script, "und")
    words = [w.casefold() for w in WORD.findall(sample)]
    if not words:
        return "und"
    counts = Counter(words)
    shares = {
        code: sum(counts[w] for w in vocabulary) / len(words)
        for code, vocabulary in STOPWORDS.items()
    }
    best = max(shares, key=lambda code: shares[code])
    if best == "en" and shares["en"] >= ENGLISH_SHARE:
        return "en"
    if shares[best] >= ENGLISH_SHARE and shares[best] > shares["en"]:
        return best
    return "und"
