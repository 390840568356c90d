"""What every capability shares: the acting user, the audit trail, long listings.

Its public face, the modules the pages, the command line and other capabilities call:
- `actor`: the acting user, as every service receives it, and the command-line operator
- `audit`: recording the audit trail inside the caller's transaction
- `events`: things that happened, published inside the transaction that made them happen
- `listing`: long lists shown a page at a time: the first rows that match, and how many match in all
- `rows`: what a bulk UPDATE or DELETE reports back
- `workspace`: small facts about this workspace, e.g. that the demo was loaded into it
"""
