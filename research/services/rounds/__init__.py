"""Funding rounds: the calendar, editing, imports, funders and internal due dates.

Its public face, the modules the pages, the command line and other capabilities call:
- `calendar`: reading funding rounds: the filtered list, one round in full, its calendar and home panels
- `due_dates`: default due dates for sections: the round's "full draft for review" milestone
- `editing`: creating, changing and archiving funding rounds, and their milestone offsets (managers, admins)
- `files`: reading a spreadsheet of rounds (CSV or XLSX) into text cells, with each row's line number
- `funders`: funders: who offers the money. Managers and admins keep the list; everyone reads it
- `imports`: importing funding rounds from a file: check every row, then write all of them or none
- `queries`: sQL for funding rounds that several services share: filters, status, offsets, clusters
"""
