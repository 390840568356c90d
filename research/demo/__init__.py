"""The demo workspace, built through the public services; its prose lives in data files."""
