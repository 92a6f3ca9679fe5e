"""Multiple systems estimation: capture tables in, population estimates out. Pure computation."""
