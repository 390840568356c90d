"""One module per capability; each function takes a unit of work and plain arguments."""
