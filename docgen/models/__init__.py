"""The validated domain model of docgen's input: plain data, nothing about Word files."""
