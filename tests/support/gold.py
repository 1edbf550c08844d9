"""What the hand-made gold files under bench/gold/ may hold, shared by their checks (tests/unit/test_gold_files.py)
and the benchmarks that score against them (bench/entities_eval.py)."""

# The batches of gold articles, in the order they were annotated.
GOLD_SPLITS = (
    "dev",
    "heldout",
    "posthoc",
    "posthoc2",
    "posthoc3",
    "posthoc4",
    "posthoc5",
    "posthoc6",
    "posthoc7",
    "posthoc8",
    "posthoc9",
    "real1",
    "real2",
    "real3",
    "real4",
    "posthoc10",
    "real5",
    "real6",
    "posthoc11",
    "posthoc12",
    "posthoc13",
    "posthoc14",
    "posthoc15",
    "posthoc16",
    "posthoc17",
)
