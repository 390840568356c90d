"""What every capability shares: the acting user, the audit trail, long listings."""
