"""Engine, models and the unit of work."""
