"""Text measured as the terminal shows it: wide (Hangul, CJK) characters take two columns.

Padding and truncation by `len()` would misalign every column after a Korean goal name, so
everything laid out for the terminal goes through `width()` (wcwidth, imported only when a
text is not plain ASCII: most tables never need it).
"""

from __future__ import annotations

import os

ELLIPSIS = "…"
# Below this a layout stops shrinking: a wider line beats an unreadable one.
NARROWEST = 40


def terminal_width() -> int:
    """Columns of the terminal: $COLUMNS first, as shutil.get_terminal_size() reads it, then
    the terminal of standard output, else 80 (a pipe). shutil itself is slow to import."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(1).columns
        except OSError:
            columns = 80
    return max(columns or 80, NARROWEST)


def width(text: str) -> int:
    """Display columns of `text` (a character wcwidth cannot size counts as 1)."""
    if _narrow(text):
        return len(text)
    from wcwidth import wcswidth, wcwidth

    total = wcswidth(text)
    if total >= 0:
        return total
    return sum(max(wcwidth(c), 1 if c.isprintable() else 0) for c in text)


def _narrow(text: str) -> bool:
    """True when every character is plainly one column (ASCII, or a narrow letter or sign
    such as "—", "·", "■"): then wcwidth, slow to import, is not needed to tell."""
    if text.isascii():
        return text.isprintable()
    from unicodedata import category, east_asian_width

    return all(
        east_asian_width(c) in "NaHA" and category(c)[0] in "LNPSZ" and c.isprintable()
        for c in text
    )


def fit(text: str, columns: int) -> str:
    """`text` cut to at most `columns` display columns, with an ellipsis if it was cut."""
    if width(text) <= columns:
        return text
    # Measured as a whole, not char by char: a spacing mark such as "ा" counts 0 alone and
    # 1 after its letter.
    kept = ""
    for char in text:
        if width(kept + char + ELLIPSIS) > columns:
            break
        kept += char
    return kept.rstrip() + ELLIPSIS


def pad(text: str, columns: int) -> str:
    """`text` padded with spaces to `columns` display columns."""
    return text + " " * max(columns - width(text), 0)


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """`text` broken at spaces into lines of at most `columns` display columns; later lines
    start with `indent`. A single word wider than a line is cut (see `fit`)."""
    body = text.lstrip(" ")
    words = body.split(" ")
    lines = [text[: len(text) - len(body)] + words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if width(candidate) <= columns:
            lines[-1] = candidate
        else:
            lines.append(indent + word)
    return [fit(line, columns) for line in lines]
