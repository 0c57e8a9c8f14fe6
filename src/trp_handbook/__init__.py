"""Domain logic of the TRP Handbook.

Everything that knows about the handbook (its languages, notices, search,
sitemap, legislation, print edition) lives here as plain Python and
Python-Markdown extensions, so that it does not depend on one site engine.
The files in ``hooks/`` only translate MkDocs events into calls to this package.
"""

__version__ = "0.1.0"
