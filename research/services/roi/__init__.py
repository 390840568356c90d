"""Return on investment: awards and cluster grants ledgers, the dashboard and its details.

Its public face, the modules the pages, the command line and other capabilities call:
- `attribution`: which application and cluster each award is linked to (by a recorded rule) and whether its
  recipient is in the workspace's area: what "won back to the city" may count
- `awards`: money won back: awards imported from history, listed, corrected and credited to clusters (an
  application's own award is recorded by `review.lifecycle` when it is marked awarded)
- `clusters`: the unit's clusters: the groups its grants go to and its awards are credited to
- `dashboard`: the return on the unit's cluster grants: headline figures and each chart's table, for one
  filter
- `details`: what lies behind a bar or point of the dashboard: the awards, or the applications, it adds up
- `ledgers`: the unit's grants to clusters: listed, entered, edited, removed and imported by managers only
- `options`: what the return dashboard can be filtered to, and a cheap key that changes with its data

Used only inside the package:
- `frames`: small helpers for the dashboard's DataFrames
- `pipeline`: the pipeline in flight: requested amounts by status, weighted by each round's chance of success
- `queries`: the dashboard's aggregates as SQL GROUP BY queries, one per figure, on SQLite and PostgreSQL
"""
