"""Linking sources: matching what several sources name differently, the review workbook,
the ``owl:sameAs`` linkset, and the diff between two rounds."""
