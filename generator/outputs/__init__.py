"""Files made from the site model besides its pages: datasets (CSV/JSON), calendars, the
feed, sitemap, data catalogue and search index. ``site_files.OUTPUTS`` lists the whole-site
ones the build runs."""
