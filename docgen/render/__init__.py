"""Everything that writes Word XML: template building, rendering, packaging, PDF conversion."""
