"""The drafting pages' components."""
