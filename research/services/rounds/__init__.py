"""Funding rounds: the calendar, editing, imports, funders and internal due dates."""
