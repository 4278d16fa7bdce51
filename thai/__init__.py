"""Thai text: normalisation, agency names and abbreviations, personal identifiers, the DOPA gazetteer.

A leaf: every other folder imports it and it imports nothing of the package.
"""
