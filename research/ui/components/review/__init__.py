"""The review pages' components."""
