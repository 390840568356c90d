"""Files that leave the workspace: .docx, .ics, .csv and .xlsx."""
