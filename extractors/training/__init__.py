"""Building the learned parts from ``../shared`` (``make model``) and scoring them (``make eval``).

Nothing here runs while serving: the service loads the committed model files only.
"""
