"""uncounted: document, link and count people forcibly returned or disappeared."""

__version__ = "0.1.0"
