"""docgen: Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) from YAML data."""

__version__ = "0.1.0"
