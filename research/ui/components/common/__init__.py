"""Components every capability's pages share."""
