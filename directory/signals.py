"""Signal handlers of the directory (geocoding after save is wired here)."""
