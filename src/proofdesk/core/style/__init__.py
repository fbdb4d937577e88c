"""House styles: the model, the YAML/Vale loader and validation."""
