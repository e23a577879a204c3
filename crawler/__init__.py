"""How pages are fetched: the Scrapy project, the store and the command line.

Everything that talks to the network or to SQLite lives here."""

__version__ = "0.1.0"
