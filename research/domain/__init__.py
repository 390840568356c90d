"""Pure rules of the workspace: standard library only."""
