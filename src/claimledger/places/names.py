"""Spellings of Ukrainian and Russian place names, and keys that make them meet.

One village is written Kharkiv, Kharkov, Khar'kov, Harkiv and Харків. The gazetteer indexes every
spelling people actually write (`spellings`), looks names up by an exact key (`fold`) and finds
near misses through a coarse spelling skeleton (`skeleton`) on which the romanisations of one
name, Ukrainian or Russian, collide. Everything here is general orthography: no table of names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, Protocol

import iuliia  # type: ignore[import-untyped]
import translitua

__all__ = [
    "fold",
    "is_cyrillic",
    "romanizations",
    "russian_form",
    "skeleton",
    "spellings",
]

Lang = Literal["uk", "ru"]

# Characters people type for the Ukrainian apostrophe, the soft and hard signs of scholarly
# romanisation (ʹ ʺ) and stray accents: none of them is a sound of its own.
_APOSTROPHES = "'’ʼ`´′ʹ‘ʻʺ″"
_DASHES = "-‐‑‒–—―_."


def _is_cyrillic_char(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


def is_cyrillic(text: str) -> bool:
    """True when most letters of `text` are Cyrillic: such a name is transliterated, not spelled."""
    letters = cyrillic = 0
    for char in text:
        if char.isalpha():
            letters += 1
            cyrillic += _is_cyrillic_char(char)
    return cyrillic * 2 > letters


# --- fold ------------------------------------------------------------------------------------

_FOLD_TABLE = str.maketrans({**dict.fromkeys(_APOSTROPHES, ""), **dict.fromkeys(_DASHES, " ")})


def fold(name: str) -> str:
    """The exact lookup key: case, accents, apostrophes and hyphenation do not tell names apart.

    Apostrophes go before NFKD, because NFKD turns the acute accent ´ into a space and a combining
    mark. Cyrillic stays Cyrillic; its diacritics fold like Latin ones, so й -> и, ї -> і, ё -> е
    (і has no decomposition and stays: fold("Часів Яр") == "часів яр").
    """
    text = name.translate(_FOLD_TABLE)
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return " ".join(text.lower().split())


# --- skeleton --------------------------------------------------------------------------------

# Cyrillic to Latin for the skeleton only: any consistent romanisation will do, because the
# skeleton rules below merge what the romanisations disagree on. Russian and Ukrainian letters
# share one table (и, і, ы are all vowels to the skeleton).
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# Scholarly, ISO 9 and Polish/Czech letters written as the English digraphs they stand for, so that
# "Zaporožʹe" meets "Zaporozhye" instead of becoming "Zaporoze" when the accent is stripped.
_DIACRITIC_TO_ASCII = {
    "č": "ch", "ć": "ch", "ĉ": "ch", "š": "sh", "ś": "sh", "ž": "zh", "ż": "zh", "ź": "zh",
    "ŝ": "shch", "â": "ya", "û": "yu", "ë": "yo", "ĭ": "y", "ı": "i", "ł": "l", "ß": "ss",
}  # fmt: skip
_DIACRITIC_TABLE = str.maketrans(
    {
        **_DIACRITIC_TO_ASCII,
        **{k.upper(): v.capitalize() for k, v in _DIACRITIC_TO_ASCII.items() if k.upper() != "SS"},
    }
)

# Applied to lowercased text: letters to Latin, apostrophes and signs dropped (soft signs are
# written ', ’, ʹ or not at all), separators to spaces, and w -> v (German and Polish Charkiw,
# Pokrowsk write в as w).
_SKELETON_IN = str.maketrans(
    {
        **_CYRILLIC_TO_LATIN,
        **_DIACRITIC_TO_ASCII,
        **dict.fromkeys(_APOSTROPHES, ""),
        **dict.fromkeys(_DASHES, " "),
        "w": "v",
    }
)

# Digraphs, longest first. Placeholders are upper case so that no later rule touches them.
_SKELETON_DIGRAPHS = (
    # щ: shch (English), shh (GOST 1971), sch (German, and Russian сч as in Schastye)
    ("shch", "X"), ("shh", "X"), ("sch", "X"),
    # ж ч ш are distinct sounds and must survive the h/g/kh merge below.
    ("zh", "J"), ("ch", "Q"), ("sh", "W"),
    # х is kh in English, h in Ukrainian-ish (Harkiv) and Czech-ish spellings: one class with г,
    # which is h in Ukrainian romanisation and g in Russian (Huliaipole/Gulyaypole).
    ("kh", "h"),
    # ц: ts (English), tc (GOST 52535: Toretck), tz, cz (GOST 7.79 B), c (ISO 9: Doneck).
    ("ts", "c"), ("tc", "c"), ("tz", "c"), ("cz", "c"),
    # x in Latin-script names is кс (Alexandrovka/Oleksandrivka).
    ("x", "ks"),
    # Ukrainian drops н from the Latin cluster nst (Костянтин/Константин, Kostiantynivka/
    # Konstantinovka), as Romance did (constare -> costare).
    ("nst", "st"),
)  # fmt: skip

# A glide before u is ю, written yu, iu, ju or (ISO 9) û: the vowel is what stays.
_GLIDE_U = re.compile(r"[ijy]+u")
# Ukrainian puts a prothetic в before initial у where Russian has none (Вугледар/Угледар,
# Вуглегірськ/Углегорск, вухо/ухо).
_PROTHETIC_V = re.compile(r"(?:^|(?<= ))vu")

# Vowels: one class "a" for a e i o y j, "u" alone. Each merge is a correspondence between the
# languages or the romanisations, and together they leave nothing finer:
#   i ~ y ~ j  romanisations of и, і, й, ы (Myrnohrad/Mirnograd, Krasnoarmijs'k/Krasnoarmeysk);
#   e ~ i      Ukrainian і for Russian е (yat: Siversk/Seversk, Kyiv/Kiev, Novosilka/Novoselka);
#   o ~ i      Ukrainian і for Russian о in closed syllables (Kharkiv/Kharkov, Zaporizhzhia/
#              Zaporozhye), hence also -ivka/-ovka/-evka/-yivka and final -iv/-ov/-ev;
#   o ~ a      Ukrainian о for Russian а (Oleshky/Aleshki, Sloviansk/Slavyansk) and Russian akanye;
#   ya ia ja ye ie je yo ... clusters of a glide and a vowel become one vowel once doubled
#              letters are single (Zaporizhzhia/Zaporozhye, Velyka/Velikaya, Avdiivka/Avdeyevka).
# у is the one vowel the two languages and all romanisations agree on, so it stays apart.
# Output placeholders: X щ -> x, J ж -> j, Q ч -> q, W ш -> w (letters the input no longer has);
# g -> h completes the h/g/kh class; q -> k for the odd English q.
_SKELETON_OUT = str.maketrans(
    {
        "e": "a", "i": "a", "o": "a", "y": "a", "j": "a", "g": "h", "q": "k",
        "X": "x", "J": "j", "Q": "q", "W": "w",
    }
)  # fmt: skip
_NOT_A_LETTER = re.compile(r"[^a-z]+")
# Doubled letters are single: Odessa/Odesa, Zaporizhzhia/Zaporizhia, Kreminna/Kremenna; and
# a vowel cluster is one vowel once the vowels are merged.
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """A coarse spelling key on which the usual romanisations of one name collide.

    It is meant for candidate retrieval, not for deciding: consonants are kept (they are what
    romanisations and the two languages agree on), vowels other than u fall into one class.
    -sk (town) and -ske/-skoye/-skyi (adjective) endings stay apart by that vowel. Output:
    lowercase ASCII letters and single spaces; Cyrillic is romanised first.
    """
    text = name.lower()
    if not text.isascii():
        # Composed first: some transliterators write ž as z + a combining caron.
        text = unicodedata.normalize("NFC", text).translate(_SKELETON_IN)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    else:
        text = text.translate(_SKELETON_IN)
    text = _NOT_A_LETTER.sub(" ", text)
    for old, new in _SKELETON_DIGRAPHS:
        if old in text:
            text = text.replace(old, new)
    if "u" in text:
        text = _GLIDE_U.sub("u", text)
        if "vu" in text:
            text = _PROTHETIC_V.sub("u", text)
    text = _DOUBLED.sub(r"\1", text.translate(_SKELETON_OUT))
    return " ".join(text.split())


# --- romanizations ---------------------------------------------------------------------------

# Ukrainian: the national system (KMU 2010, also BGN/PCGN since 2019 and the press's Kyiv,
# Kharkiv), the older BGN/PCGN (Kyyiv, Hulyaypole, Pokrovs'k), the 1996 national system
# (Kropyvnyts'kyi, Pokrovs'k) and the 2007 passport system that writes г as g (Myrnograd).
_UK_TABLES: tuple[type[translitua.TransliterationTable], ...] = (
    translitua.UkrainianKMU,
    translitua.UkrainianBGN,
    translitua.UkrainianNational1996,
    translitua.UkrainianPassport2007,
)


class _Schema(Protocol):
    """What this module needs of an iuliia schema (the package ships no type hints)."""

    def translate(self, source: str) -> str: ...


# Russian: BGN/PCGN (Khar'kov), Wikipedia (Kharkov, Zaporozhye), ICAO passports (Zaporozhe,
# Kiev), telegram style (Harkov, Doneck), GOST 16876-71 ASCII table (Kupjansk) and GOST 7.79 A /
# ISO 9 (Zaporožʹe, kept as its ASCII form Zaporozhe). The scholarly system is left out: its x for
# х (Xarʹkov) reads as English x = кс (Alexandrovka), and its other forms are ISO 9's.
_RU_SCHEMAS: tuple[_Schema, ...] = (
    iuliia.BGN_PCGN,
    iuliia.WIKIPEDIA,
    iuliia.ICAO_DOC_9303,
    iuliia.TELEGRAM,
    iuliia.GOST_16876_ALT,
    iuliia.GOST_779,
)

# The Ukrainian apostrophe as the transliteration tables expect it.
_TO_ASCII_APOSTROPHE = str.maketrans(dict.fromkeys("’ʼ‘`´′", "'"))
_ASCII_TABLE = str.maketrans(dict.fromkeys(_APOSTROPHES, "")) | _DIACRITIC_TABLE


def _ascii_form(spelling: str) -> str | None:
    """The spelling as typed on an English keyboard: no apostrophes, primes or accents."""
    text = unicodedata.normalize("NFC", spelling).translate(_ASCII_TABLE)
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return text if text.isascii() and text.strip() else None


def _as_typed(cyrillic: str) -> tuple[str, bool]:
    """The name with capitalised words, and whether it was all upper case.

    iuliia writes an upper-case Х as "Kh" even inside an all-capitals word (ХАРЬКОВ ->
    "KhAR’KOV"), so upper-case input is transliterated in title case and upper-cased afterwards.
    """
    text = cyrillic.translate(_TO_ASCII_APOSTROPHE)
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return " ".join(w.capitalize() for w in text.split(" ")), True
    return text, False


def _add(found: set[str], spelling: str, upper: bool) -> None:
    """Add a system's spelling as written when people type it so, and its ASCII form.

    Accented forms (ISO 9 Kupânsk, Harʹkov) are reference notations, not what reporting prints:
    only their ASCII forms (Kupyansk, Harkov) are kept.
    """
    if any(_is_cyrillic_char(c) for c in spelling):  # a letter the schema does not cover (ё)
        return
    ascii_form = _ascii_form(spelling)
    typed = spelling.translate(_TO_ASCII_APOSTROPHE).isascii()
    for form in (spelling if typed else None, ascii_form):
        if form:
            found.add(form.upper() if upper else form)


def romanizations(cyrillic: str, lang: Lang) -> set[str]:
    """The Latin spellings that the usual romanisation systems give a Cyrillic name.

    Each system's own output when it is typed with plain letters and apostrophes (Pokrovs'k),
    and its ASCII form (Pokrovsk), with the input's capitalisation. For Russian, a name with ё is
    also romanised with е, as Russian is usually printed.

    uk: KMU 2010 (Kyiv), the older BGN/PCGN (Kyyiv, Pokrovs'k), the 1996 national system and
    the 2007 passport system (Myrnograd). ru: BGN/PCGN, Wikipedia, ICAO Doc 9303, telegram,
    GOST 16876-71 (ASCII table) and GOST 7.79 A / ISO 9 (as ASCII).
    """
    text, upper = _as_typed(cyrillic)
    found: set[str] = set()
    if lang == "uk":
        for table in _UK_TABLES:
            _add(found, translitua.translit(text, table), upper)
    else:
        sources = [text]
        if "ё" in text or "Ё" in text:
            sources.append(text.replace("ё", "е").replace("Ё", "Е"))
        for source in sources:
            for schema in _RU_SCHEMAS:
                _add(found, schema.translate(source), upper)
    return found


# --- russian_form ----------------------------------------------------------------------------

# Rules on one lower-case Ukrainian word, in order. Suffix rules come before the letter rules
# because they read Ukrainian і, ї and ь.
_WORD_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # The apostrophe: Russian writes ь after р (Мар'їнка/Марьинка) and nothing after labials
        # (Куп'янськ/Купянск, П'ятихатки/Пятихатки).
        (r"(?<=р)'", "ь"),
        (r"'", ""),
        (r"ґ", "г"),
        # Adjectival -ськ-/-цьк- endings: -ське/-ское, -ський/-ский, -ська/-ская.
        (r"([сц])ьке$", r"\1кое"),
        (r"([сц])ький$", r"\1кий"),
        (r"([сц])ька$", r"\1кая"),
        # Russian has no soft sign in ск, цк: Покровськ/Покровск, Донецьк/Донецк.
        (r"([сзц])ьк", r"\1к"),
        # Neuter adjectives: Ukrainian -е, Russian -ое (Велике/Великое, Мирне/Мирное); possessive
        # and -ин- names: -ове/-ово, -еве/-ево, -ине/-ино (Єнакієве/Енакиево, Лутугине/Лутугино).
        (r"(?<=..)([оеє])ве$", r"\1во"),
        (r"[иі]не$", "ино"),
        (r"([кгн])е$", r"\1ое"),
        # Ukrainian doubles a consonant before final я where Russian writes ье
        # (Запоріжжя/Запорожье, Поділля/Подолье, Полісся/Полесье).
        (r"([бвгджзклмнпрстфхцчш])\1я$", r"\1ье"),
        # Ukrainian -ій- from Russian -ей- in names from Андрій, Сергій: Андріївка/Андреевка.
        (r"ії", "ее"),
        # Ukrainian і from Russian о in a closed final syllable: -івка/-овка, -ів/-ов; and ї from е
        # after a vowel: -ївка/-евка, -їв/-ев (Миколаїв/Николаев, Київ/Киев).
        (r"ївка$", "евка"),
        (r"івка$", "овка"),
        (r"їв$", "ев"),
        (r"ів$", "ов"),
        # Masculine adjectives after a hard consonant: -ий/-ый (Новий/Новый); after к г х and the
        # hushing consonants Russian spelling keeps -ий (Великий, Покровский).
        (r"(?<=[^кгхжчшщц])ий$", "ый"),
        # Initial Ukrainian е is Russian э (Енергодар/Энергодар); є is е.
        (r"^е", "э"),
        (r"є", "е"),
        # ї and the remaining і are и. Ukrainian и stays и: it is Russian ы only in some roots
        # (Рибне/Рыбное, Крим/Крым) that no spelling rule can tell apart.
        (r"[ії]", "и"),
    )
)

# A feminine or neuter adjective before its noun (Велика Новосілка/Великая Новосёлка, Нова
# Каховка/Новая Каховка): Russian adds a vowel. A first word is taken for an adjective when it ends
# like one (Нова, Велика, Мала, Стара, Біла, Верхня, Перша, Друга, Тиха) and not like a noun in
# -вка, -нка, -чка (Іванівка Перша); borrowed nouns such as Ходжа (Ходжа Сала) end otherwise. The
# neuter form is caught by the -ке/-не rule unless it is a short stem (Нове Село/Новое Село).
_ADJECTIVE_ENDINGS = ("на", "ка", "ла", "ра", "ва", "та", "да", "ня", "ша", "га", "ха")
_NOUN_ENDINGS = ("вка", "нка", "чка")
_WORD_SPLIT = re.compile(r"([\s\-‐‑‒–—]+)")


def _russian_word(word: str) -> str:
    for pattern, replacement in _WORD_RULES:
        word = pattern.sub(replacement, word)
    return word


def _agree(word: str, next_word: str) -> str:
    """The Russian long form of an attributive adjective, judged from the noun's ending."""
    if word.endswith(_NOUN_ENDINGS) or len(word) < 3:
        return word
    if word.endswith(_ADJECTIVE_ENDINGS) and next_word[-1:] in ("а", "я"):
        return word + "я"  # Велика/Великая, Нижня/Нижняя
    if word[-1] == "е" and word[-2] not in "аеиіїоуюяє" and next_word[-1:] in ("е", "о", "я"):
        return word[:-1] + "ое"
    return word


def _recase(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=1 << 14)
def russian_form(ukrainian: str) -> str:
    """An approximate Russian Cyrillic form of a Ukrainian place name, by general correspondences.

    Used at gazetteer build time for villages GeoNames has no Russian name for, so that Russian
    romanisations (Pokrovskoye, Krasnogorovka) are indexed too. Irregular names come out
    regular: Вугледар stays Вугледар (Russian Угледар), Сіверськ becomes Сиверск (Северск).
    """
    text = ukrainian.translate(_TO_ASCII_APOSTROPHE)
    parts = _WORD_SPLIT.split(text)
    words = parts[0::2]
    lowered = [w.lower() for w in words]
    for i in range(len(words) - 1):
        if parts[2 * i + 1].isspace():
            lowered[i] = _agree(lowered[i], lowered[i + 1])
    for i, word in enumerate(words):
        parts[2 * i] = _recase(_russian_word(lowered[i]), word) if word else word
    return "".join(parts)


def spellings(cyrillic: str, lang: Lang) -> set[str]:
    """Every Latin spelling to index for a name: for a Ukrainian name, its Russian ones too.

    War reporting spells Ukrainian places the Ukrainian way (Pokrovsk), the Russian way
    (Krasnoarmeysk is another name, but Pokrovskoye, Mirnograd are the same name) or mixes them.
    """
    found = romanizations(cyrillic, lang)
    if lang == "uk":
        found |= romanizations(russian_form(cyrillic), "ru")
    return found
