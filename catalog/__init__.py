"""Data catalogues: CKAN and DCAT in (as datasets rows), DCAT-AP out."""
