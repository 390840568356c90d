"""Accounts: users, roles, sign-in sessions.

Its public face, the modules the pages, the command line and other capabilities call:
- `auth`: signing in and out: throttled attempts, random tokens kept only as hashes, idle expiry
- `users`: accounts and roles: the first admin, users, roles, deactivation and passwords
"""
