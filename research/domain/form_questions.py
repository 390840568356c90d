"""Tables of questions, a common form layout: rows of question | guidance | limit.

A table is read as questions when its header names a question column, or when most of
its rows state a limit. Blank answer rows are skipped; a row with no question continues
the guidance of the one above.
"""

from __future__ import annotations

from dataclasses import dataclass

from research.domain.limit_phrases import UNITS, FoundLimit, find_limit
from research.domain.template_spec import Limit

STRONG_TITLE_WORDS = ("question", "section", "heading", "criterion", "criteria")
TITLE_WORDS = STRONG_TITLE_WORDS + ("item", "topic", "title", "field", "part")
GUIDANCE_WORDS = (
    "guidance",
    "note",
    "instruction",
    "description",
    "help",
    "include",
    "detail",
    "explanation",
    "content",
    "advice",
    "prompt",
)
LIMIT_WORDS = ("limit", "length", "max", "words", "pages", "characters", "lines", "size")
HEADER_CELL_CHARS = 40


@dataclass(frozen=True)
class Question:
    title: str
    guidance: str
    found: FoundLimit
    row: int = 0  # the table row it was read from, counting from 1


@dataclass(frozen=True)
class _Columns:
    title: int = 0
    guidance: tuple[int, ...] = ()
    limit: int | None = None
    limit_unit: str | None = None


def _has(cell: str, words: tuple[str, ...]) -> bool:
    lowered = cell.lower()
    return any(word in lowered for word in words)


def _is_header(row: tuple[str, ...]) -> bool:
    cells = [c for c in row if c.strip()]
    if not cells or any(len(c) > HEADER_CELL_CHARS or any(ch.isdigit() for ch in c) for c in cells):
        return False
    return any(_has(c, TITLE_WORDS + GUIDANCE_WORDS + LIMIT_WORDS) for c in cells)


def _columns(header: tuple[str, ...]) -> _Columns:
    title = next((i for i, c in enumerate(header) if _has(c, TITLE_WORDS)), 0)
    limit = next((i for i, c in enumerate(header) if i != title and _has(c, LIMIT_WORDS)), None)
    unit = None
    if limit is not None:
        unit = next(
            (UNITS[w] for w in header[limit].lower().replace("(", " ").replace(")", " ").split() if w in UNITS), None
        )
    guidance = tuple(i for i in range(len(header)) if i not in (title, limit))
    return _Columns(title, guidance, limit, unit)


def _cell(row: tuple[str, ...], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _limit_cell(text: str, unit: str | None) -> FoundLimit:
    found = find_limit(text, bare_ok=True)
    if found.limit or found.note or not text.replace(",", "").isdigit():
        return found
    amount = int(text.replace(",", ""))
    if amount <= 0:
        return FoundLimit(None, text, f"the limit {text!r} is not more than 0; set it by hand")
    if unit:
        return FoundLimit(Limit(unit, amount), text)
    return FoundLimit(Limit("words", amount), text, f"the limit {text!r} names no unit; read as words")


def _question(row: tuple[str, ...], columns: _Columns, number: int) -> Question:
    first, _, rest = _cell(row, columns.title).partition("\n")
    guidance = "\n\n".join(part for part in [rest.strip()] + [_cell(row, i) for i in columns.guidance] if part)
    found = FoundLimit(None)
    if columns.limit is not None and _cell(row, columns.limit):
        found = _limit_cell(_cell(row, columns.limit), columns.limit_unit)
    if not (found.limit or found.note):
        found = find_limit(first, bare_ok=True)
    if not (found.limit or found.note):
        found = find_limit(guidance)
    return Question(first.strip(), guidance, found, number)


def read_questions(rows: tuple[tuple[str, ...], ...], no_headings: bool) -> list[Question] | None:
    """The questions in a table, or None when it is not a table of questions.

    In a form with no headings at all, any table with questions in its first column is one.
    """
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    rows = tuple(r for _, r in numbered)
    if not rows or max(len(r) for r in rows) < 1:
        return None
    header = _is_header(rows[0])
    columns = _columns(rows[0]) if header else _Columns(0, tuple(range(1, max(len(r) for r in rows))))
    body = numbered[1:] if header else numbered
    questions: list[Question] = []
    for number, row in body:
        question = _question(row, columns, number)
        if question.title:
            questions.append(question)
        elif questions and question.guidance:
            last = questions[-1]
            guidance = f"{last.guidance}\n\n{question.guidance}".strip()
            questions[-1] = Question(last.title, guidance, last.found, last.row)
    if not questions:
        return None
    with_limits = sum(1 for q in questions if q.found.limit or q.found.note)
    title_header = rows[0][columns.title] if header else ""
    named = _has(title_header, STRONG_TITLE_WORDS) or (
        _has(title_header, TITLE_WORDS) and (columns.limit is not None or with_limits > 0)
    )
    if named or with_limits * 2 >= len(questions) or (no_headings and len(rows) >= 2):
        return questions
    return None
