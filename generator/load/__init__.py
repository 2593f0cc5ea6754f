"""Stage 1, load: find content files, parse them with line numbers, validate them into
records and drop everything unpublished."""
