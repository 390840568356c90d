"""Accounts: users, roles, sign-in sessions."""
