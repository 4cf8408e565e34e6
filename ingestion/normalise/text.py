"""Small pure text helpers shared by the normalisers.

Every text a source sends leaves the silver layer as plain text: markup removed,
entities decoded, paragraphs kept as line breaks, control and bidirectional-override
characters removed, runs of spaces collapsed, length capped. The raw payload keeps
what was received.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from html.parser import HTMLParser

_COMBINING_RE = re.compile("[\u0300-\u036f]")
_LOWER_WORDS = {"de", "du", "des", "la", "le", "les", "sur", "en", "et", "aux", "au", "sous", "lès"}

# Characters that must never reach a stored text. Controls (C0, DEL, C1) other than line
# breaks and tabs become a space (they may separate words); the zero-width and
# bidirectional formatting characters (U+202E turns a title around on screen), the soft
# hyphen, private-use characters (icon fonts) and lone surrogates (which PostgreSQL refuses)
# are removed.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _unicode_class(categories: frozenset[str]) -> str:
    """Every character of `categories` as regex ranges, read from the running Python's Unicode tables: a
    hand-written list missed format characters ("Kaithi number sign above", U+110CD; the Arabic number signs)."""
    ranges: list[str] = []
    start = None
    for point in range(sys.maxunicode + 2):
        inside = point <= sys.maxunicode and unicodedata.category(chr(point)) in categories
        if inside and start is None:
            start = point
        elif not inside and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{point - 1:08x}")
            start = None
    return "".join(ranges)


# Format (Cf: zero-width, bidirectional, number signs), private-use (Co: icon fonts) and surrogate (Cs)
# characters, and the invisible ones of other categories: the combining grapheme joiner, the Khmer and
# Mongolian invisible vowels and selectors, the Hangul fillers, the variation selectors and tags.
_INVISIBLE_RE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0000-\U000e0fff"
    + _unicode_class(frozenset({"Cf", "Co", "Cs"}))
    + "]"
)
# Markup worth parsing: a tag, a comment or declaration, or an entity.
_MARKUP_RE = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG_START_RE = re.compile(r"<+(?=[A-Za-z/!?])")
MARKUP_ROUNDS = 3  # "&lt;b&gt;" decodes to a tag: parsed again, a few times at most

# Elements whose content is not text at all.
_HIDDEN_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head", "title",
     "select", "textarea", "canvas", "audio", "video", "frameset", "noembed", "noframes", "xmp", "plaintext"}
)  # fmt: skip
# Elements that end a line (a paragraph, a list item, a cell...).
_BLOCK_ELEMENTS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
     "thead", "tbody", "tfoot", "section", "article", "header", "footer", "aside", "nav", "main", "blockquote",
     "pre", "address", "figure", "figcaption", "form", "fieldset", "legend", "details", "summary", "center"}
)  # fmt: skip
# Every other HTML element is removed with its tag and its text kept. A "tag" that is no HTML
# element and has no attribute ("<<Boulanger>>", "<Référence>") keeps its word without its
# angle brackets; one with attributes is markup (browsers run `<x onfocus=...>`) and goes.
_INLINE_ELEMENTS = frozenset(
    {"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "blink", "body", "button", "caption", "cite", "code",
     "col", "colgroup", "data", "del", "dfn", "dialog", "em", "font", "frame", "html", "i", "img", "image", "input",
     "ins", "kbd", "label", "link", "map", "mark", "marquee", "menu", "meta", "meter", "optgroup", "option",
     "output", "param", "picture", "portal", "progress", "q", "rp", "rt", "ruby", "s", "samp", "slot", "small",
     "source", "span", "strike", "strong", "sub", "sup", "tbody", "td", "th", "time", "track", "tt", "u", "var",
     "wbr", "base", "area", "applet", "basefont", "isindex", "keygen", "listing", "nobr", "spacer"}
)  # fmt: skip


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self._hidden += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n- " if tag == "li" else "\n")
        elif tag not in _INLINE_ELEMENTS and not attrs and not self._hidden:
            self.parts.append((self.get_starttag_text() or "")[1:-1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")
        elif tag not in _INLINE_ELEMENTS and tag not in _HIDDEN_ELEMENTS and not attrs and not self._hidden:
            self.parts.append((self.get_starttag_text() or "")[1:-2].strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_ELEMENTS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """`text` without markup or invisible characters: tags removed (script and style with
    their content), entities decoded, block elements as line breaks, controls as spaces,
    formatting characters removed. Text with none of them is returned as is."""
    for _ in range(MARKUP_ROUNDS):
        # Invisible characters go before each look for markup: "<\u200bscript>" is a tag
        # once the zero-width space is gone, and a decoded entity may be one ("&#x202E;").
        text = strip_invisible(text)
        if not _MARKUP_RE.search(text):
            return text
        parser = _PlainText()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    # Still a tag after several rounds (an entity encoded many times over): its "<" goes.
    return _TAG_START_RE.sub("", strip_invisible(text))


def strip_invisible(text: str) -> str:
    """Controls become spaces (line breaks and tabs stay); formatting characters go."""
    if text.isprintable():  # C speed, and true for almost every field of every payload
        return text
    if text.replace("\n", "").isprintable():  # a description's line breaks: 3 times faster than the regexes
        return text
    return _INVISIBLE_RE.sub("", _CONTROL_RE.sub(" ", text))


def fold(text: str) -> str:
    """Lower case without accents: 'Hérault' -> 'herault'."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    # Drop the combining accents only (C speed), keeping symbols such as "€" that parsers read.
    return _COMBINING_RE.sub("", decomposed)


def clean(text: str, *, max_length: int | None = None, keep_newlines: bool = False) -> str:
    """Plain text of one field: see the module's docstring."""
    # NUL goes with the other controls: PostgreSQL text columns cannot hold it, and a payload
    # carrying one would otherwise make the whole batch fail.
    text = plain_text(text)
    # Runs of spaces of any kind (str.isspace(): tabs, no-break and thin spaces...) become one
    # space. split() does it five times faster than a regular expression, and this runs on
    # every field of every payload.
    if keep_newlines:
        text = "\n".join(" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
    else:
        text = " ".join(text.split())
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def place_title(name: str) -> str:
    """'ST BAUZILE' -> 'St Bauzile', 'SAINT-JEAN-DE-VEDAS' -> 'Saint-Jean-de-Vedas'; mixed case is kept."""
    if not name or name != name.upper():
        return name
    words = re.split(r"([\s\-']+)", name.lower())
    out = []
    for index, word in enumerate(words):
        if index > 0 and word in _LOWER_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return "".join(out)
