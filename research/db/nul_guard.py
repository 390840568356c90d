"""The database boundary refuses text holding a NUL, whichever service, form or script wrote it.

PostgreSQL rejects it with a server error and SQLite stores it; either way a user saw the error
page. Checking each statement's parameters here catches every path, so a field a service forgot
still gets the same clear refusal, naming the column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Engine, event

from research.domain.errors import InvalidInput, Problem
from research.domain.nul_text import contains_nul, nul_reason

_CHECKED = "_research_nul_checked"
_NUMBERED = re.compile(r"(_\d+)+$")  # SQLAlchemy names repeated parameters body_1, body_2


def refuse_nul_text(engine: Engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _check(_conn, _cursor, _statement, parameters, context, executemany) -> None:
        # A bulk insert runs in batches that share one context: check its rows once, not once per batch.
        if getattr(context, _CHECKED, False):
            return
        if context is not None:
            setattr(context, _CHECKED, True)
        # compiled_parameters name each value (the driver's own may be positional, as SQLite's are)
        rows = getattr(context, "compiled_parameters", None) or (parameters if executemany else [parameters])
        fields = sorted({name for row in rows for name in _nul_fields(row)})
        if fields:
            raise InvalidInput([Problem(name, nul_reason()) for name in fields])


def _nul_fields(parameters: Any) -> Iterable[str]:
    if isinstance(parameters, Mapping):
        return (_NUMBERED.sub("", str(k)) for k, v in parameters.items() if contains_nul(v))
    if isinstance(parameters, list | tuple):
        return ("a text field" for v in parameters if contains_nul(v))
    return ()
