"""Stage 4, render: Markdown and Jinja templates into HTML, and the helpers they use."""
