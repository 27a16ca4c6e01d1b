"""`make bench`: timings with baselines measured in the same run."""
