"""The rounds pages' components."""
