"""The accounts pages' components."""
