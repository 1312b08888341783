"""brief: a command-line briefing on one news story, every fact traced to its source."""

__version__ = "0.1.0"
