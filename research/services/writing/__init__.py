"""Writing aids: readability and findings per section, the funder's criteria mapped onto the draft.

Its public face, the modules the pages, the command line and other capabilities call:
- `aids`: the writing aids of an application for those who may read it, and dismissing a finding
- `analysis`: writing aids and the criteria map for a whole application, computed from its current text
- `criteria_map`: which of the funder's criteria each section addresses, and how strongly, with the evidence
- `findings`: writing findings within one section: long sentences, passive constructions, rare words
- `round_criteria`: a round's assessment criteria: read by everyone who reads rounds, set by those who manage
  them

Used only inside the package:
- `across_sections`: findings that need the whole application: acronyms, repeated passages, inconsistent terms
- `sentences`: a section's text as the reader sees it, cut into sentences and words
"""
