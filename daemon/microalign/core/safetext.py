"""Text safety: `clean()` on the way in, one escaper per way out.

Goal texts, value names, typed answers and transcripts are cleaned before they are stored;
every output escapes again, because rows written by an older version or another tool may
still hold anything.

`clean()` makes text plain and single-line:

- whole escape sequences go (CSI, OSC/DCS/SOS/PM/APC strings up to BEL or ST, other ESC
  sequences), in their 7-bit and 8-bit forms, so no stray parameters are left behind;
- line breaks and tabs become spaces: every field is one line (goal texts, value names,
  areas, answers, reasons), and the Markdown, jrnl and table layouts depend on it;
- other C0/C1 control characters, DEL and NUL go;
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) go: they reorder
  text beyond their own field. The marks LRM, RLM and ALM stay: they are ordinary in
  right-to-left writing and reorder nothing outside their neighbours;
- lone surrogates (undecodable bytes in argv) become U+FFFD; the result is NFC and stripped.

Standard library only: imported by the CLI on every run.
"""

from __future__ import annotations

import re
import unicodedata

# 7-bit ESC forms and 8-bit C1 forms (U+009B CSI, U+0090 DCS, U+0098 SOS, U+009D OSC,
# U+009E PM, U+009F APC): a terminal in UTF-8 mode may act on either.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI: parameters, final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|\Z)"  # strings to BEL/ST
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]",  # other ESC sequences (charset, keypad, reset, ...)
    re.DOTALL,
)
_LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# What a terminal, a JSON reader's terminal or a spreadsheet must never get raw.
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")


def clean(text: str) -> str:
    """Plain single-line text: no escape sequences, control or bidi characters; NFC."""
    text = _SURROGATES.sub("\ufffd", text)
    text = _SEQUENCE.sub("", text)
    text = _LINE_BREAKS.sub(" ", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(value: object) -> str:
    """Control and bidi characters shown as `\\x1b` / `\\u202e`: visible and inert."""
    return _UNSAFE.sub(_visible, str(value))


def for_json(document: str) -> str:
    """A JSON document with C1, bidi and line-separator characters as \\u escapes.

    Lossless: a JSON reader gets the same strings back. json.dumps already escapes C0;
    these can only occur inside strings, so replacing them anywhere is safe.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def for_notification(text: str, markup: bool) -> str:
    """A notification body; with `markup`, `& < >` are escaped so no tag or link is live."""
    import html

    text = clean(text)
    return html.escape(text, quote=False) if markup else text


def for_html(value: object) -> str:
    """Element text or a quoted attribute value in HTML."""
    import html

    return html.escape(clean(str(value)))


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def for_markdown(value: object) -> str:
    """Inline Markdown text that opens no link, HTML, code, emphasis or entity, and cannot
    start a heading, list, quote or setext underline."""
    text = _MD_INLINE.sub(r"\\\1", clean(str(value)))
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return "\\" + text if text[:1] in ("#", "+", "-", "=") else text


# Tab and CR are gone after clean(); listed because spreadsheets treat them as formula starts.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_csv(value: object) -> object:
    """A spreadsheet cell: text is cleaned, and text a spreadsheet would read as a formula
    gets a leading apostrophe. Numbers and empty cells stay as they are."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(CSV_FORMULA_START) else text
