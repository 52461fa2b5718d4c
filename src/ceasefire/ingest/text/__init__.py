"""Text intake at the edge: reading a text file or HTML page, and loading the gazetteer."""
