"""The roi pages' components."""
