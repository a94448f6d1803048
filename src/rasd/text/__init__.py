"""Text stages: normalization with offsets, numbers, dates."""
