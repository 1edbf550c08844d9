"""What tests and benchmarks share: the generated corpora. bench/ may import this package; tests never import bench/."""
