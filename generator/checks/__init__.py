"""Checks over the finished output (links now; duties and privacy join them).

Each check takes what the build produced and returns problems; the build runs them
before anything is written, so ``transparency check`` reports them too.
"""
