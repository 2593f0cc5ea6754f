"""Tools for editors around the pipeline: ``transparency new`` and the handbook's
generated references."""
