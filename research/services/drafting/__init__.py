"""Co-drafting: applications, teams, sections, revisions, templates, who may edit, Word export."""
