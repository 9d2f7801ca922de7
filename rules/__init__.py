"""rules: plan models in, findings out."""
