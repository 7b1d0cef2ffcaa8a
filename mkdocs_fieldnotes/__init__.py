"""mkdocs-fieldnotes: publish a living, annotated resource map with MkDocs."""

__version__ = "0.1.0"
