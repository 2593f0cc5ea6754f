"""What the law asks an office to publish: the duty catalogue (``catalogue.yml``, with
sources and confidence) and the freshness rules its deadlines are written in. Data only:
how a site measures up is ``duties/``."""
