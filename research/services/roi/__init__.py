"""Return on investment: awards and cluster grants ledgers, the dashboard and its details."""
