"""The outside world: spreadsheets and CSV dialects, damaged files, public holidays, password hashing."""
