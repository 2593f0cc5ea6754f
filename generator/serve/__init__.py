"""The preview server and its incremental builder (``transparency serve``)."""
