"""Review: invitations, checklists and rubrics, comments, review rounds, readiness, status changes."""
