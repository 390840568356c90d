"""Writing aids: readability and findings per section, the funder's criteria mapped onto the draft.

Public face: `analyse_application`, `dismiss_finding`, `restore_findings` (aids),
`round_criteria`, `set_round_criteria` (a round's assessment criteria), and the result types.
Everything runs locally (no network, no language model): textstat, wordfreq, rapidfuzz and
explainable rules. The aids never change text and never block.
"""
