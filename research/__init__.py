"""Research Cluster Workspace: co-draft funding applications, review them, show the return."""
