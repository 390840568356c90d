"""Co-drafting: applications, teams, sections, revisions, templates, who may edit, Word export.

Its public face, the modules the pages, the command line and other capabilities call:
- `access`: who may read or edit an application, checked inside the caller's transaction
- `application_view`: an application as its team sees it: header, team, and every section's status and count
- `applications`: starting applications from a template, and listing them: one's own, or the unit's pipeline
- `authorship`: how a section grew in live writing, and who wrote each paragraph
- `crdt_state`: reading Yjs state vectors: which CRDT clients an update added text for
- `draft_import`: bringing a Word draft into an application: a preview, then the sections the user accepts
- `docx_export`: gathering an application for export to Word, as those who may read it see it
- `history`: a section's history: who wrote what when, the difference between two revisions, conflicts
- `live`: who may join a section's live co-writing room, and whether their typing is accepted
- `presence`: who else has a section open in the editor: a row per person, refreshed while they edit
- `sections`: opening and saving sections. Every save is a new revision; a stale save is never applied
- `team`: an application's team: the lead invites and removes co-authors; members assign sections
- `templates`: application templates: funder forms shipped as TOML files in templates/, and those admins add

Used only inside the package:
- `team_access`: who may draft an application: its team (lead and co-authors), nobody else
- `texts`: the text of an application's sections at a point in its history: frozen for a review round,
"""
