"""Review: invitations, checklists and rubrics, comments, review rounds, readiness, status changes.

Its public face, the modules the pages, the command line and other capabilities call:
- `comments`: comments anchored to sections: reviewers leave them on the snapshot, the team replies,
- `consistency`: is the internal review consistent? Each reviewer against the panel, agreement, outliers,
  movement
- `lifecycle`: moving an application through its statuses, with the side effects each move has
- `overview`: what the team (and managers) see of an application's reviews: rounds, invitations, results,
- `readiness`: gathering what the readiness gate needs: sections, limits, the latest checklist, open comments
- `reviewing`: a reviewer's work: the inbox, the snapshot read-only, checklist and rubric, submission
- `rounds`: requesting review: a round on a frozen snapshot, invitations, and the reviewers' replies
- `score_changes`: changing a score after the review was submitted: allowed while the round is open, with a
  reason
- `support`: small lookups the review services share: an application's template, rounds, names shown
"""
