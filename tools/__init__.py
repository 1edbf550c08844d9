"""Developer tools, not shipped with the package: they rebuild the committed data files under
worker/pipeline/entities/data/ from PyPI packages the worker itself does not need. Run from the repository
root, e.g. `python -m tools.build_gazetteer`."""
